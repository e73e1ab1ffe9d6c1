package io.connectionsconsole.connection;

import io.connectionsconsole.error.InvalidInputException;

/** A live connection of the same account and region already has the name. */
public class DuplicateConnectionNameException extends InvalidInputException {

	public DuplicateConnectionNameException(ConnectionName name, String region) {
		super("ConnectionName", "A connection named '" + name + "' already exists in " + region
				+ ". Choose another name, or delete that connection first.");
	}

}
