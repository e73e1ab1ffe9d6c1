package io.connectionsconsole.connection;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.Printable;

/** {@code arn:aws:apprunner:{region}:{accountId}:connection/{name}/{id}}. */
public record ConnectionArn(String region, AccountId accountId, ConnectionName name, ConnectionId id) {

	/** How much of a refused ARN its message quotes: more than a valid one has. */
	private static final int QUOTED = 160;

	private static final Pattern PATTERN = Pattern
		.compile("arn:aws:apprunner:([a-z]{2}(?:-[a-z]+)+-\\d):(\\d{12}):connection/([^/]+)/([0-9a-f]{32})");

	public static ConnectionArn parse(String arn) {
		Matcher m = arn == null ? null : PATTERN.matcher(arn);
		if (m == null || !m.matches()) {
			throw new InvalidInputException("ConnectionArn", "ConnectionArn '" + Printable.excerpt(arn, QUOTED)
					+ "' is not a connection ARN: expected arn:aws:apprunner:{region}:{account}:connection/{name}/{id}.");
		}
		ConnectionName name;
		try {
			name = ConnectionName.of(m.group(3));
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException("ConnectionArn", "ConnectionArn '" + Printable.excerpt(arn, QUOTED)
					+ "' has an invalid name: "
					+ ex.getMessage());
		}
		return new ConnectionArn(m.group(1), AccountId.of(m.group(2)), name, ConnectionId.of(m.group(4)));
	}

	public String value() {
		return "arn:aws:apprunner:" + region + ":" + accountId + ":connection/" + name + "/" + id;
	}

	@Override
	public String toString() {
		return value();
	}

}
