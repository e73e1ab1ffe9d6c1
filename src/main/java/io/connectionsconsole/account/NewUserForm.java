package io.connectionsconsole.account;

/** What the Add user form posts. The password is never shown back: a refused form comes back without it. */
public class NewUserForm {

	private String username = "";

	private String role = "";

	private String password = "";

	public String getUsername() {
		return username;
	}

	public void setUsername(String username) {
		this.username = username == null ? "" : username;
	}

	public String getRole() {
		return role;
	}

	public void setRole(String role) {
		this.role = role == null ? "" : role;
	}

	public String getPassword() {
		return password;
	}

	public void setPassword(String password) {
		this.password = password == null ? "" : password;
	}

}
