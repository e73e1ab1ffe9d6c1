package io.connectionsconsole.account;

/** What a user may do: {@code ADMIN} manages connections, users and keys; {@code READ_ONLY} looks only. */
public enum Role {

	ADMIN, READ_ONLY;

	/** Whether this role may change things: create and delete connections, manage keys and users. */
	public boolean canWrite() {
		return this == ADMIN;
	}

	public String authority() {
		return "ROLE_" + name();
	}

}
