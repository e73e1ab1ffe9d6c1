package io.connectionsconsole.host;

import java.util.List;

import io.connectionsconsole.error.InvalidInputException;

/** A host that connections go through can't be deleted: the message names them, so that they can be deleted first. */
public class HostInUseException extends InvalidInputException {

	HostInUseException(Host host, List<String> connections) {
		super("HostArn", "Host " + host.name().value() + " has " + connections.size()
				+ (connections.size() == 1 ? " connection: " : " connections: ") + String.join(", ", connections)
				+ ". Delete " + (connections.size() == 1 ? "it" : "them") + " first.");
	}

}
