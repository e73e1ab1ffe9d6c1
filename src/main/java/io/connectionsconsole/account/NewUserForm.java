package io.connectionsconsole.account;

import org.springframework.validation.Errors;

import io.connectionsconsole.web.CheckedForm;
import io.connectionsconsole.web.FormErrors;

/** What the Add user form posts. The password is never shown back: a refused form comes back without it. */
record NewUserForm(String username, Role role, String password) implements CheckedForm {

	static final NewUserForm EMPTY = new NewUserForm("", null, "");

	/** The user name's and the password's rules, and a role chosen; a name already taken is the service's to find. */
	@Override
	public void check(Errors errors) {
		FormErrors.check(errors, "username", () -> new Username(username));
		FormErrors.check(errors, "password", () -> PasswordRules.requireValid("Password", username, password));
		RoleForm.requireRole(role, errors);
	}

}
