package io.connectionsconsole.account;

import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** What the role form of a user's page posts: a role, bound by its name. */
record RoleForm(Role role) {

	static final Validator VALIDATOR = Validator.forInstanceOf(RoleForm.class,
			(form, errors) -> requireRole(form.role(), errors));

	/** A role was chosen: an empty choice is null, an unknown name a type mismatch (both say "Choose a role."). */
	static void requireRole(Role role, Errors errors) {
		if (role == null && !errors.hasFieldErrors("role")) {
			errors.rejectValue("role", "required");
		}
	}

}
