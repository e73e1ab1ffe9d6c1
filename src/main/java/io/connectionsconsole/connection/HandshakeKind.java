package io.connectionsconsole.connection;

/**
 * What a handshake is for. Both run the same OAuth2 flow and keep the connection's ARN; they differ in the statuses
 * they start from, which the connection must still have when the provider answers.
 */
public enum HandshakeKind {

	/** Complete handshake: the first one, of a {@code PENDING_HANDSHAKE} connection. */
	COMPLETE,
	/**
	 * Update authorization: a new token for an {@code AVAILABLE} or {@code ERROR} connection. The old token stays in
	 * force until the new one is stored.
	 */
	UPDATE_AUTHORIZATION;

	public boolean accepts(ConnectionStatus status) {
		return ConnectionLifecycle.allows(status, event());
	}

	/** What the connection's lifecycle calls a completed handshake of this kind. */
	ConnectionEvent event() {
		return this == COMPLETE ? ConnectionEvent.HANDSHAKE_COMPLETED : ConnectionEvent.AUTHORIZATION_UPDATED;
	}

	/** The audit trail's name for a completed handshake of this kind, which the log names it by too. */
	public String auditAction() {
		return this == COMPLETE ? "CompleteHandshake" : "UpdateAuthorization";
	}

}
