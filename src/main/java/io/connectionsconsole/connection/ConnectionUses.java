package io.connectionsconsole.connection;

import java.time.Instant;
import java.util.List;

import io.connectionsconsole.account.Caller;

/**
 * What else in the console uses a connection, such as the repository links CI runners clone through: the details page
 * lists the uses ("Used by"), and a connection in use can't be deleted (App Runner refuses to delete a connection its
 * services use), with a refusal that names them.
 */
public interface ConnectionUses {

	/** How many uses the connection has, and the first {@code limit} of them by name. */
	Uses of(ConnectionId id, int limit);

	/**
	 * Ends every use of the connection, in the transaction of the connection's delete: what the console's delete
	 * does when the user has confirmed with the connection's name.
	 */
	void release(Caller caller, Connection connection);

	/** {@code one} and {@code many}: the uses' kind in the singular and the plural ("repository link", "repository links"). */
	record Uses(String one, String many, int count, List<Use> first) {

		/** How many, with the kind: "1 repository link", "2 repository links". */
		public String counted() {
			return count + " " + (count == 1 ? one : many);
		}

		/** The names of the first few uses, joined. */
		public String names() {
			return String.join(", ", first.stream().map(Use::name).toList());
		}

	}

	/** One use: its name, the console path of its page, and when it was last used (null: never). */
	record Use(String name, String path, Instant lastUsedAt) {
	}

}
