package io.connectionsconsole.account;

/** What the reset form of a user's page posts: the user's new password, never shown back. */
record PasswordResetForm(String newPassword) {

	static final PasswordResetForm EMPTY = new PasswordResetForm("");

}
