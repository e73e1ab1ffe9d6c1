package io.connectionsconsole.connection;

import io.connectionsconsole.error.InvalidInputException;

/** The connection's status doesn't allow the action: a handshake of an available connection, a check of one without a token. */
public class ConnectionStatusException extends InvalidInputException {

	private final transient Connection connection;

	private ConnectionStatusException(Connection connection, String message) {
		super("ConnectionStatus", message);
		this.connection = connection;
	}

	public static ConnectionStatusException handshakeNotAccepted(Connection connection) {
		return new ConnectionStatusException(connection, "Connection '" + connection.name() + "' is "
				+ connection.status() + ": only a PENDING_HANDSHAKE or ERROR connection can complete a handshake.");
	}

	public static ConnectionStatusException notCheckable(Connection connection) {
		return new ConnectionStatusException(connection, "Connection '" + connection.name() + "' is "
				+ connection.status() + ": only an AVAILABLE connection can be checked.");
	}

	public Connection connection() {
		return connection;
	}

}
