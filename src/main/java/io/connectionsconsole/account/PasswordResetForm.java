package io.connectionsconsole.account;

/** What the reset form of a user's page posts: the user's new password, never shown back. */
public class PasswordResetForm {

	private String newPassword = "";

	public String getNewPassword() {
		return newPassword;
	}

	public void setNewPassword(String newPassword) {
		this.newPassword = newPassword == null ? "" : newPassword;
	}

}
