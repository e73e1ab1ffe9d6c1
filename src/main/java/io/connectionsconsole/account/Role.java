package io.connectionsconsole.account;

/** What a user may do: {@code ADMIN} manages connections, users and keys; {@code READ_ONLY} looks only. */
public enum Role {

	ADMIN, READ_ONLY;

	public String authority() {
		return "ROLE_" + name();
	}

}
