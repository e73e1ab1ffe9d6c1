package io.connectionsconsole.connection;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.Connection.LastCheck;
import io.connectionsconsole.connection.Connection.ProviderAccount;

/**
 * Reads a connection for its details page: the connection as its row, its provider account, tags and health history,
 * and the reason beside its status, worded here since it depends on the status and the last check together; the
 * template words and times the rest. Any page that shows a connection's details asks here.
 */
@Component
public class ConnectionDetailsViews {

	private final ConnectionService connections;

	private final MessageSource messages;

	ConnectionDetailsViews(ConnectionService connections, MessageSource messages) {
		this.connections = connections;
		this.messages = messages;
	}

	public ConnectionDetailsView details(Caller caller, ConnectionId id) {
		ConnectionDetails details = connections.details(caller, id);
		Connection connection = details.connection();
		Locale locale = LocaleContextHolder.getLocale();
		ConnectionRow row = new ConnectionRow(connection, true);
		ProviderAccount account = connection.providerAccount();
		return new ConnectionDetailsView(row, connection.arn().value(), connection.region(),
				statusReason(connection, locale), account == null ? null : account.login(),
				account == null ? null : account.displayName(), account == null ? null : account.profileUrl(),
				details.tags(), details.history(), connection.status().acceptsCheck());
	}

	/** What the status indicator says beside the word: why the connection is as it is, and what to do about it. */
	private String statusReason(Connection connection, Locale locale) {
		LastCheck lastCheck = connection.lastCheck();
		return switch (connection.status()) {
			case PENDING_HANDSHAKE -> messages.getMessage("details.reason.PENDING_HANDSHAKE",
					new Object[] { connection.providerType().displayName() }, locale);
			case AVAILABLE -> lastCheck != null && !lastCheck.ok()
					? messages.getMessage("connections.lastChecked.failed",
							new Object[] { outcome(lastCheck.detail(), locale) }, locale)
					: message("details.reason.AVAILABLE", locale);
			case ERROR -> messages.getMessage("details.reason.ERROR",
					new Object[] { lastCheck == null ? message("details.reason.ERROR.unknown", locale)
							: outcome(lastCheck.detail(), locale) },
					locale);
			case DELETED -> null;
		};
	}

	private String outcome(String name, Locale locale) {
		return messages.getMessage("check.outcome." + name, null, name, locale);
	}

	private String message(String code, Locale locale) {
		return messages.getMessage(code, null, locale);
	}

}
