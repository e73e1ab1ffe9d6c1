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

	private static final String REGION_CODE = "[a-z]{2}(?:-[a-z]+)+-\\d";

	private static final Pattern REGION = Pattern.compile(REGION_CODE);

	private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

	private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

	private static final Pattern PATTERN = Pattern
		.compile("arn:aws:apprunner:(" + REGION_CODE + "):(\\d{12}):connection/([^/]+)/([0-9a-f]{32})");

	public static ConnectionArn parse(String arn) {
		return parse("ConnectionArn", arn);
	}

	/** The ARN given as {@code member}, which a refusal names. */
	public static ConnectionArn parse(String member, String arn) {
		Matcher m = arn == null ? null : PATTERN.matcher(arn);
		if (m == null || !m.matches()) {
			throw new InvalidInputException(member, member + " '" + Printable.excerpt(arn, QUOTED)
					+ "' is not a connection ARN (" + whatIsWrong(arn) + "): expected "
					+ "arn:aws:apprunner:{region}:{account}:connection/{name}/{id}.");
		}
		ConnectionName name;
		try {
			name = ConnectionName.of(m.group(3));
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException(member, member + " '" + Printable.excerpt(arn, QUOTED)
					+ "' has an invalid name: " + ex.getMessage());
		}
		return new ConnectionArn(m.group(1), AccountId.of(m.group(2)), name, ConnectionId.of(m.group(4)));
	}

	/** The first part of a string that is not a connection ARN that keeps it from being one. */
	private static String whatIsWrong(String arn) {
		String[] parts = arn == null ? new String[0] : arn.split(":", 6);
		if (parts.length < 6 || !parts[0].equals("arn")) {
			return "it does not have the six parts of an ARN, arn:aws:…";
		}
		if (!parts[1].equals("aws")) {
			return "its partition is '" + Printable.excerpt(parts[1], 40) + "', not aws";
		}
		if (!parts[2].equals("apprunner")) {
			return "its service is '" + Printable.excerpt(parts[2], 40) + "', not apprunner";
		}
		if (!REGION.matcher(parts[3]).matches()) {
			return "its Region '" + Printable.excerpt(parts[3], 40) + "' is not a Region's code";
		}
		if (!ACCOUNT.matcher(parts[4]).matches()) {
			return "its account '" + Printable.excerpt(parts[4], 40) + "' is not 12 digits";
		}
		String[] resource = parts[5].split("/", -1);
		if (resource.length != 3 || !resource[0].equals("connection") || resource[1].isEmpty()) {
			return "its resource is not connection/{name}/{id}";
		}
		if (!ID.matcher(resource[2]).matches()) {
			return "its id '" + Printable.excerpt(resource[2], 40) + "' is not 32 lower-case hexadecimal digits";
		}
		return "its resource is not connection/{name}/{id}";
	}

	public String value() {
		return "arn:aws:apprunner:" + region + ":" + accountId + ":connection/" + name + "/" + id;
	}

	@Override
	public String toString() {
		return value();
	}

}
