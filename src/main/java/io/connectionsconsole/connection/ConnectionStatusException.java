package io.connectionsconsole.connection;

import io.connectionsconsole.error.InvalidInputException;

/**
 * The connection's status doesn't allow the action: Complete handshake of an available connection, a check of one
 * without a token.
 */
public class ConnectionStatusException extends InvalidInputException {

	private final transient Connection connection;

	/** {@code rule}: which status the action needs. */
	private ConnectionStatusException(Connection connection, String rule) {
		super("ConnectionStatus",
				"Connection '" + connection.name() + "' is " + connection.status().inWords() + ": " + rule);
		this.connection = connection;
	}

	public static ConnectionStatusException handshakeNotAccepted(Connection connection, HandshakeKind kind) {
		return new ConnectionStatusException(connection, (kind == HandshakeKind.COMPLETE)
				? "only a connection pending its handshake can complete it."
				: "only a connection that is available or in error can update its authorization.");
	}

	public static ConnectionStatusException linkNotAccepted(Connection connection) {
		return new ConnectionStatusException(connection,
				"only a connection pending its handshake can share a handshake link.");
	}

	public static ConnectionStatusException notReadable(Connection connection) {
		return new ConnectionStatusException(connection, "only an available connection can read repositories.");
	}

	public static ConnectionStatusException notCheckable(Connection connection) {
		return new ConnectionStatusException(connection, "only an available connection can be checked.");
	}

	public Connection connection() {
		return connection;
	}

}
