package io.connectionsconsole.connection;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.Connection.LastCheck;
import io.connectionsconsole.connection.Connection.ProviderAccount;

/**
 * Reads a connection for its details page and prepares what the page shows, texts through Spring's
 * {@link MessageSource} and times through the console's one time format, so that the template only writes them out.
 * Any page that shows a connection's details asks here.
 */
@Component
public class ConnectionDetailsViews {

	private final ConnectionService connections;

	private final ConnectionRows rows;

	private final MessageSource messages;

	private final DateTimeFormatter timeFormat;

	ConnectionDetailsViews(ConnectionService connections, ConnectionRows rows, MessageSource messages,
			DateTimeFormatter timeFormat) {
		this.connections = connections;
		this.rows = rows;
		this.messages = messages;
		this.timeFormat = timeFormat;
	}

	public ConnectionDetailsView details(Caller caller, ConnectionId id) {
		ConnectionDetails details = connections.details(caller, id);
		Connection connection = details.connection();
		Locale locale = LocaleContextHolder.getLocale();
		ConnectionRow row = rows.of(List.of(connection), connection.id().value()).get(0);
		ProviderAccount account = connection.providerAccount();
		List<CheckRow> history = new ArrayList<>(details.history().size());
		for (CheckRecord check : details.history()) {
			boolean ok = check.outcome().ok();
			history.add(new CheckRow(check.at().toString(), timeFormat.format(check.at()),
					message("check.trigger." + check.trigger().name(), locale),
					ok ? "success" : "failed", message(ok ? "check.passed" : "check.failed", locale),
					outcome(check.outcome().name(), locale), check.actor()));
		}
		return new ConnectionDetailsView(row, connection.arn().value(), connection.region(),
				statusReason(connection, row, locale), account == null ? null : account.login(),
				account == null ? null : account.displayName(), account == null ? null : account.profileUrl(),
				details.tags(), history, connection.status().acceptsCheck());
	}

	/** What the status indicator says beside the word: why the connection is as it is, and what to do about it. */
	private String statusReason(Connection connection, ConnectionRow row, Locale locale) {
		LastCheck lastCheck = connection.lastCheck();
		return switch (connection.status()) {
			case PENDING_HANDSHAKE -> messages.getMessage("details.reason.PENDING_HANDSHAKE",
					new Object[] { connection.providerType().displayName() }, locale);
			case AVAILABLE -> row.checkFailed() != null ? row.checkFailed()
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
