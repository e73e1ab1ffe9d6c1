package io.connectionsconsole.connection;


import io.connectionsconsole.error.InvalidInputException;

/** A connection name that satisfies App Runner's rule: 4–32 characters, {@code [A-Za-z0-9][A-Za-z0-9\-_]{3,31}}. */
public record ConnectionName(String value) {

	public static final int MIN_LENGTH = 4;

	public static final int MAX_LENGTH = 32;

	public ConnectionName {
		if (value == null || value.isEmpty()) {
			throw new InvalidInputException("ConnectionName", "Enter a connection name.");
		}
		if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
			throw new InvalidInputException("ConnectionName", "Connection name must be " + MIN_LENGTH + " to "
					+ MAX_LENGTH + " characters long; '" + abbreviate(value) + "' has " + value.length() + ".");
		}
		if (!hasAllowedCharacters(value)) {
			throw new InvalidInputException("ConnectionName", "Connection name '" + abbreviate(value)
					+ "' may contain only letters, digits, hyphens (-) and underscores (_), and must start with a letter or digit.");
		}
	}

	/** {@code [A-Za-z0-9][A-Za-z0-9\-_]*}, checked without a regular expression: every listed row is checked. */
	private static boolean hasAllowedCharacters(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean alphanumeric = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
			if (!alphanumeric && (i == 0 || c != '-' && c != '_')) {
				return false;
			}
		}
		return true;
	}

	public static ConnectionName of(String value) {
		return new ConnectionName(value);
	}

	private static String abbreviate(String value) {
		return value.length() > 40 ? value.substring(0, 40) + "…" : value;
	}

	@Override
	public String toString() {
		return value;
	}

}
