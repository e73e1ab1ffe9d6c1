package io.connectionsconsole.connection;

import java.util.List;

/**
 * What else in the console uses a connection, such as the repository links CI runners clone through: a connection in
 * use can't be deleted (App Runner refuses to delete a connection its services use), and the refusal names the uses.
 */
public interface ConnectionUses {

	/** How many uses the connection has, and the names of the first few. */
	Uses of(ConnectionId id);

	/** {@code what}: the uses' kind in the plural ("repository links"). */
	record Uses(String what, int count, List<String> first) {
	}

}
