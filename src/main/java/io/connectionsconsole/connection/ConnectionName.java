package io.connectionsconsole.connection;

import java.util.regex.Pattern;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.Printable;

/**
 * A connection name that satisfies App Runner's rule: 4–32 characters, {@code [A-Za-z0-9][A-Za-z0-9\-_]{3,31}}: one
 * that exists is valid.
 */
public record ConnectionName(String value) {

	public static final int MIN_LENGTH = 4;

	public static final int MAX_LENGTH = 32;

	private static final Pattern ALLOWED_CHARACTERS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9\\-_]*");

	public ConnectionName {
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
	}

	public static ConnectionName of(String value) {
		return new ConnectionName(value);
	}

	private static String abbreviate(String value) {
		return Printable.excerpt(value, 40);
	}

	@Override
	public String toString() {
		return value;
	}

}
