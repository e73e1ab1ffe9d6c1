package io.connectionsconsole.account;

/** What the role form of a user's page posts: the role's name. */
public class RoleForm {

	private String role = "";

	public String getRole() {
		return role;
	}

	public void setRole(String role) {
		this.role = role == null ? "" : role;
	}

}
