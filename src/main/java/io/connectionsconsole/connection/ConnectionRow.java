package io.connectionsconsole.connection;

import java.util.Locale;

import io.connectionsconsole.connection.Connection.LastCheck;
import io.connectionsconsole.connection.Connection.ProviderAccount;

/**
 * A connection as a row of the Connected accounts table, and as the connection of the Actions menu and the details
 * page; the template words and times it. The booleans say which actions its status allows.
 */
public record ConnectionRow(Connection connection, boolean selected) {

	public String id() {
		return connection.id().value();
	}

	public String name() {
		return connection.name().value();
	}

	public String provider() {
		return connection.providerType().displayName();
	}

	/** The status as the indicator's class and message key want it: {@code pending_handshake}. */
	public String status() {
		return connection.status().name().toLowerCase(Locale.ROOT);
	}

	/** The provider account; null before the handshake. */
	public ProviderAccount account() {
		return connection.providerAccount();
	}

	/** The last check; null before the first. */
	public LastCheck lastCheck() {
		return connection.lastCheck();
	}

	/** Why the last check failed, as the {@code check.outcome.*} messages name it; null when it passed or none ran. */
	public String checkFailed() {
		LastCheck last = connection.lastCheck();
		return last == null || last.ok() ? null : last.detail();
	}

	public boolean handshake() {
		return connection.status().acceptsHandshake();
	}

	public boolean check() {
		return connection.status().acceptsCheck();
	}

	public boolean reauthorize() {
		return connection.status().acceptsReauthorization();
	}

	public boolean shareLink() {
		return connection.status().acceptsHandshakeLink();
	}

}
