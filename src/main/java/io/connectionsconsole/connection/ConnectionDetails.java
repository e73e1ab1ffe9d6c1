package io.connectionsconsole.connection;

import java.util.List;

/** A connection as its details page shows it: with its tags and its latest checks, newest first. */
public record ConnectionDetails(Connection connection, List<Tag> tags, List<CheckRecord> history) {

	/** The connection as its table row, which the Actions menu and the status indicator read. */
	public ConnectionRow row() {
		return new ConnectionRow(connection, true);
	}

}
