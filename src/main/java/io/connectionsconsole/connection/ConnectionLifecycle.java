package io.connectionsconsole.connection;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.connectionsconsole.connection.ConnectionStatus.AVAILABLE;
import static io.connectionsconsole.connection.ConnectionStatus.DELETED;
import static io.connectionsconsole.connection.ConnectionStatus.ERROR;
import static io.connectionsconsole.connection.ConnectionStatus.PENDING_HANDSHAKE;

/**
 * The connection's life in one table: for each event, the statuses it may happen in and the status it leads to. The
 * service and the repository's statements take their statuses from here; docs/lifecycle.md draws the same table, and
 * a test keeps the two alike. In a status not listed for it, an event moves nothing: the service refuses the action,
 * or records what happened and leaves the status. A handshake that is refused or fails is not in the table, as it
 * leaves the status as it was.
 */
public final class ConnectionLifecycle {

	private static final Map<ConnectionEvent, Rule> TABLE = new EnumMap<>(ConnectionEvent.class);

	static {
		rule(ConnectionEvent.CREATED, PENDING_HANDSHAKE);
		rule(ConnectionEvent.HANDSHAKE_COMPLETED, AVAILABLE, PENDING_HANDSHAKE);
		rule(ConnectionEvent.AUTHORIZATION_UPDATED, AVAILABLE, AVAILABLE, ERROR);
		rule(ConnectionEvent.CHECKED, AVAILABLE, AVAILABLE);
		// A connection in error takes the newer reason: one its installation's suspension put in error, then revoked by
		// its user, is not restored when the suspension is lifted.
		rule(ConnectionEvent.TOKEN_REJECTED, ERROR, AVAILABLE, ERROR);
		// A connection in error already keeps its reason, so that lifting the suspension restores only those it took.
		rule(ConnectionEvent.INSTALLATION_SUSPENDED, ERROR, AVAILABLE);
		rule(ConnectionEvent.INSTALLATION_UNSUSPENDED, AVAILABLE, ERROR);
		rule(ConnectionEvent.INSTALLATION_DELETED, ERROR, AVAILABLE, ERROR);
		rule(ConnectionEvent.DELETED, DELETED, PENDING_HANDSHAKE, AVAILABLE, ERROR);
	}

	private ConnectionLifecycle() {
	}

	private static void rule(ConnectionEvent event, ConnectionStatus to, ConnectionStatus... from) {
		TABLE.put(event, new Rule(Set.of(from), to));
	}

	/** The status the event leads to. */
	public static ConnectionStatus target(ConnectionEvent event) {
		return TABLE.get(event).to();
	}

	/** The statuses the event may happen in; none for {@link ConnectionEvent#CREATED}, which starts the life. */
	public static Set<ConnectionStatus> sources(ConnectionEvent event) {
		return TABLE.get(event).from();
	}

	public static boolean allows(ConnectionStatus status, ConnectionEvent event) {
		return sources(event).contains(status);
	}

	/** The names of {@link #sources(ConnectionEvent)}, as the database stores them, for a statement's parameter. */
	static List<String> sourceNames(ConnectionEvent event) {
		return sources(event).stream().map(ConnectionStatus::name).sorted().toList();
	}

	private record Rule(Set<ConnectionStatus> from, ConnectionStatus to) {
	}

}
