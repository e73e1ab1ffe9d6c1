package io.connectionsconsole.account;

import org.springframework.validation.Validator;

import io.connectionsconsole.web.FormErrors;

/** What the Add user form posts. The password is never shown back: a refused form comes back without it. */
record NewUserForm(String username, Role role, String password) {

	static final NewUserForm EMPTY = new NewUserForm("", null, "");

	/** The user name's and the password's rules, and a role chosen; a name already taken is the service's to find. */
	static final Validator VALIDATOR = Validator.forInstanceOf(NewUserForm.class, (form, errors) -> {
		FormErrors.check(errors, "username", () -> new Username(form.username()));
		FormErrors.check(errors, "password",
				() -> PasswordRules.requireValid("Password", form.username(), form.password()));
		RoleForm.requireRole(form.role(), errors);
	});

}
