package io.connectionsconsole.account;

import java.util.Objects;

import org.springframework.validation.Validator;

/** What the Your password form posts: the current password, the new one and the new one again; none is shown back. */
record PasswordForm(String currentPassword, String newPassword, String confirmPassword) {

	static final PasswordForm EMPTY = new PasswordForm("", "", "");

	/**
	 * The confirmation matches. The new password's rules need the user, and come after the current password is
	 * checked: the service's.
	 */
	static final Validator VALIDATOR = Validator.forInstanceOf(PasswordForm.class, (form, errors) -> {
		if (!Objects.equals(form.newPassword(), form.confirmPassword())) {
			errors.rejectValue("confirmPassword", "mismatch");
		}
	});

}
