package io.connectionsconsole.connection;

/** The life of a connection; the names are App Runner's {@code ConnectionStatus} values. */
public enum ConnectionStatus {

	PENDING_HANDSHAKE, AVAILABLE, ERROR, DELETED;

	/** Whether the user may (re)start the provider handshake from this status. */
	public boolean acceptsHandshake() {
		return this == PENDING_HANDSHAKE || this == ERROR;
	}

	/** Whether the provider can be asked about the stored token: only an available connection has one in use. */
	public boolean acceptsCheck() {
		return this == AVAILABLE;
	}

}
