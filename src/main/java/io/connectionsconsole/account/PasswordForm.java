package io.connectionsconsole.account;

import java.util.Objects;

import org.springframework.validation.Errors;

import io.connectionsconsole.web.CheckedForm;

/** What the Your password form posts: the current password, the new one and the new one again; none is shown back. */
record PasswordForm(String currentPassword, String newPassword, String confirmPassword) implements CheckedForm {

	static final PasswordForm EMPTY = new PasswordForm("", "", "");

	/**
	 * The confirmation matches. The new password's rules need the user, and come after the current password is
	 * checked: the service's.
	 */
	@Override
	public void check(Errors errors) {
		if (!Objects.equals(newPassword, confirmPassword)) {
			errors.rejectValue("confirmPassword", "mismatch");
		}
	}

}
