package io.connectionsconsole.connection;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import io.connectionsconsole.connection.Connection.LastCheck;
import io.connectionsconsole.connection.Connection.ProviderAccount;

/**
 * Turns connections into the rows of the Connected accounts table: every text through Spring's {@link MessageSource},
 * every time through the console's one time format.
 */
@Component
class ConnectionRows {

	private final MessageSource messages;

	private final DateTimeFormatter timeFormat;

	ConnectionRows(MessageSource messages, DateTimeFormatter timeFormat) {
		this.messages = messages;
		this.timeFormat = timeFormat;
	}

	/** The rows in order; {@code selected} is the id of the selected connection, or null. */
	List<ConnectionRow> of(List<Connection> connections, String selected) {
		Locale locale = LocaleContextHolder.getLocale();
		Map<ConnectionStatus, String> statusTexts = new EnumMap<>(ConnectionStatus.class);
		String detailsText = connections.isEmpty() ? null : messages.getMessage("connections.details", null, locale);
		List<ConnectionRow> rows = new ArrayList<>(connections.size());
		for (Connection c : connections) {
			String id = c.id().value();
			String name = c.name().value();
			ProviderAccount account = c.providerAccount();
			LastCheck lastCheck = c.lastCheck();
			String statusText = statusTexts.computeIfAbsent(c.status(),
					(s) -> messages.getMessage("status." + s.name(), null, locale));
			rows.add(new ConnectionRow(id, name, "row-" + name, "select-" + name,
					messages.getMessage("connections.selectRow", new Object[] { name }, locale),
					c.providerType().displayName(), c.status().name().toLowerCase(Locale.ROOT),
					statusText, c.createdAt().toString(), timeFormat.format(c.createdAt()),
					account == null ? null : account.profileUrl(), account == null ? null : account.login(),
					account == null || account.profileUrl() == null ? null
							: messages.getMessage("connections.providerLink", new Object[] { name, account.login() },
									locale),
					lastCheck == null ? null : lastCheck.at().toString(),
					lastCheck == null ? null : timeFormat.format(lastCheck.at()),
					lastCheck == null || lastCheck.ok() ? null : checkFailed(lastCheck, locale), detailsText,
					messages.getMessage("connections.details.label", new Object[] { name }, locale),
					c.status().acceptsHandshake(), c.status().acceptsCheck(), c.status().acceptsReauthorization(),
					c.status().acceptsHandshakeLink(), id.equals(selected)));
		}
		return rows;
	}

	private String checkFailed(LastCheck lastCheck, Locale locale) {
		String outcome = messages.getMessage("check.outcome." + lastCheck.detail(), null, lastCheck.detail(), locale);
		return messages.getMessage("connections.lastChecked.failed", new Object[] { outcome }, locale);
	}

}
