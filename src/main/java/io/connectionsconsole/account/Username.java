package io.connectionsconsole.account;

import java.util.regex.Pattern;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.Printable;

/**
 * A user name as a new user gets it: 3 to 64 letters, digits and {@code . _ - @ +}, starting with a letter or digit,
 * and no invisible formatting characters. Names are unique whatever their case; that rule needs the database and is
 * the service's.
 */
public record Username(String value) {

	public static final int MAX_LENGTH = 64;

	private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]*");

	public Username {
		if (value == null || value.isEmpty()) {
			throw new InvalidInputException("Username", "Enter a user name.");
		}
		if (value.length() < 3 || value.length() > MAX_LENGTH) {
			throw new InvalidInputException("Username", "A user name has 3 to " + MAX_LENGTH
					+ " characters; this one has " + value.length() + ".");
		}
		int format = Printable.firstFormatCharacter(value);
		if (format >= 0) {
			throw new InvalidInputException("Username", "User name '" + Printable.of(value) + "' contains the "
					+ "invisible formatting character " + Printable.codePoint(value, format) + " at position "
					+ (format + 1) + "; user names can't contain invisible characters.");
		}
		if (!FORMAT.matcher(value).matches()) {
			throw new InvalidInputException("Username", "A user name may contain only letters, digits and . _ - @ +, "
					+ "and starts with a letter or digit.");
		}
	}

}
