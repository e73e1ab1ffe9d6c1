package io.connectionsconsole.connection;

import io.connectionsconsole.error.InvalidInputException;

/** A connection that something uses can't be deleted: the message names what, so that it can be let go first. */
public class ConnectionInUseException extends InvalidInputException {

	ConnectionInUseException(Connection connection, ConnectionUses.Uses uses) {
		super("ConnectionArn", "Connection " + connection.name().value() + " is used by " + uses.count() + " "
				+ uses.what() + ": " + String.join(", ", uses.first()) + (uses.count() > uses.first().size() ? ", …" : "")
				+ ". Delete them first.");
	}

}
