package io.connectionsconsole.connection;

/**
 * The life of a connection; the names are App Runner's {@code ConnectionStatus} values. Which event leads from which
 * status to which: {@link ConnectionLifecycle}.
 */
public enum ConnectionStatus {

	PENDING_HANDSHAKE, AVAILABLE, ERROR, DELETED;

	/** The status as a message says it: "Connection my-gh is {in words}". */
	public String inWords() {
		return switch (this) {
			case PENDING_HANDSHAKE -> "pending its handshake";
			case AVAILABLE -> "available";
			case ERROR -> "in error";
			case DELETED -> "deleted";
		};
	}

	/** Whether Complete handshake applies: only to a connection that never had one. */
	public boolean acceptsHandshake() {
		return HandshakeKind.COMPLETE.accepts(this);
	}

	/** Whether Update authorization applies: to a connection that has a token, working or rejected. */
	public boolean acceptsReauthorization() {
		return HandshakeKind.UPDATE_AUTHORIZATION.accepts(this);
	}

	/** Whether a handshake link can be shared: only the first handshake can be left to another administrator. */
	public boolean acceptsHandshakeLink() {
		return ConnectionLifecycle.allows(this, ConnectionEvent.HANDSHAKE_COMPLETED);
	}

	/**
	 * Whether the provider can be asked about the stored token, or read with it: only an available connection has one
	 * in use.
	 */
	public boolean acceptsCheck() {
		return ConnectionLifecycle.allows(this, ConnectionEvent.CHECKED);
	}

}
