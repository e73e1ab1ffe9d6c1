package io.connectionsconsole.connection;

import io.connectionsconsole.error.NotFoundException;

/** No live connection of the caller's account answers to that id or ARN (it never did, or it was deleted). */
public class ConnectionNotFoundException extends NotFoundException {

	private ConnectionNotFoundException(String message) {
		super(message);
	}

	public static ConnectionNotFoundException forId(ConnectionId id) {
		return new ConnectionNotFoundException("Connection '" + id + "' was not found.");
	}

	/** A connection of the caller's account that was deleted, by the name it had. */
	public static ConnectionNotFoundException deleted(String name) {
		return new ConnectionNotFoundException("Connection " + name + " was deleted.");
	}

	/** An ARN that can't be a connection's; {@code why} says what keeps it from being one. */
	public static ConnectionNotFoundException because(String why) {
		return new ConnectionNotFoundException(why);
	}

	public static ConnectionNotFoundException forArn(ConnectionArn arn) {
		return new ConnectionNotFoundException("Connection '" + arn + "' was not found.");
	}

}
