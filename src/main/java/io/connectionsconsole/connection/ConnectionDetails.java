package io.connectionsconsole.connection;

import java.util.List;

import io.connectionsconsole.host.Host;

/**
 * A connection as its details page shows it: with its tags, its latest checks, newest first, what uses it (each kind
 * of use with its first {@value #USES_SHOWN}), and the host it goes through (null for a cloud provider's).
 */
public record ConnectionDetails(Connection connection, List<Tag> tags, List<CheckRecord> history,
		List<ConnectionUses.Uses> usedBy, ConnectionGrants.Grant grant, List<ConnectionGrants.Grant> bindable,
		Host host) {

	/** As many as a connection may have repository links. */
	static final int USES_SHOWN = 50;

	/** The connection as its table row, which the Actions menu and the status indicator read. */
	public ConnectionRow row() {
		return new ConnectionRow(connection, true);
	}

}
