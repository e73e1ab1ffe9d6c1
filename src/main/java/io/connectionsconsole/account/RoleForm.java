package io.connectionsconsole.account;

import org.springframework.validation.Errors;

import io.connectionsconsole.web.CheckedForm;

/** What the role form of a user's page posts: a role, bound by its name. */
record RoleForm(Role role) implements CheckedForm {

	@Override
	public void check(Errors errors) {
		requireRole(role, errors);
	}

	/** A role was chosen: an empty choice is null, an unknown name a type mismatch (both say "Choose a role."). */
	static void requireRole(Role role, Errors errors) {
		if (role == null && !errors.hasFieldErrors("role")) {
			errors.rejectValue("role", "required");
		}
	}

}
