package io.connectionsconsole.host;

import java.util.regex.Pattern;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.Printable;

/** A host's name: 1–64 letters, digits, hyphens and underscores, starting with a letter or digit. */
public record HostName(String value) {

	public static final int MAX_LENGTH = 64;

	private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

	public HostName {
		if (value == null || value.isEmpty()) {
			throw new InvalidInputException("Name", "Enter a host name.");
		}
		if (value.length() > MAX_LENGTH || !ALLOWED.matcher(value).matches()) {
			throw new InvalidInputException("Name", "Host name '" + Printable.excerpt(value, 70)
					+ "' must be 1 to " + MAX_LENGTH + " letters, digits, hyphens (-) and underscores (_), starting with a "
					+ "letter or digit.");
		}
	}

	public static HostName of(String value) {
		return new HostName(value);
	}

}
