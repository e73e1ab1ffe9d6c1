package io.connectionsconsole.connection;

import java.util.regex.Pattern;

import io.connectionsconsole.error.InvalidInputException;

/**
 * A connection name that satisfies App Runner's rule: 4–32 characters, {@code [A-Za-z0-9][A-Za-z0-9\-_]{3,31}}. Made
 * by {@link #of} from input, which checks the rule; names read back from the database were checked when written.
 */
public final class ConnectionName {

	public static final int MIN_LENGTH = 4;

	public static final int MAX_LENGTH = 32;

	private static final Pattern ALLOWED_CHARACTERS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9\\-_]*");

	private final String value;

	private ConnectionName(String value) {
		this.value = value;
	}

	public static ConnectionName of(String value) {
		if (value == null || value.isEmpty()) {
			throw new InvalidInputException("ConnectionName", "Enter a connection name.");
		}
		if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
			throw new InvalidInputException("ConnectionName", "Connection name must be " + MIN_LENGTH + " to "
					+ MAX_LENGTH + " characters long; '" + abbreviate(value) + "' has " + value.length() + ".");
		}
		if (!ALLOWED_CHARACTERS.matcher(value).matches()) {
			throw new InvalidInputException("ConnectionName", "Connection name '" + abbreviate(value)
					+ "' may contain only letters, digits, hyphens (-) and underscores (_), and must start with a letter or digit.");
		}
		return new ConnectionName(value);
	}

	/** A name as the database holds it: only names that passed {@link #of} are ever stored. */
	static ConnectionName stored(String value) {
		return new ConnectionName(value);
	}

	public String value() {
		return value;
	}

	private static String abbreviate(String value) {
		return value.length() > 40 ? value.substring(0, 40) + "…" : value;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ConnectionName that && that.value.equals(value);
	}

	@Override
	public int hashCode() {
		return value.hashCode();
	}

	@Override
	public String toString() {
		return value;
	}

}
