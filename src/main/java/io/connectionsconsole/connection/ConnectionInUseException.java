package io.connectionsconsole.connection;

import io.connectionsconsole.error.InvalidInputException;

/** A connection that something uses can't be deleted: the message names what, so that it can be let go first. */
public class ConnectionInUseException extends InvalidInputException {

	/** How many uses the refusal names. */
	static final int NAMED = 3;

	ConnectionInUseException(Connection connection, ConnectionUses.Uses uses) {
		super("ConnectionArn", "Connection " + connection.name().value() + " is used by " + uses.counted() + ": "
				+ uses.names() + (uses.count() > uses.first().size() ? ", …" : "") + ". Delete "
				+ (uses.count() == 1 ? "it" : "them") + " first.");
	}

}
