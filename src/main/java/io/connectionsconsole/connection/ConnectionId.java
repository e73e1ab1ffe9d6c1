package io.connectionsconsole.connection;

import java.util.UUID;
import java.util.regex.Pattern;

import io.connectionsconsole.error.NotFoundException;
import io.connectionsconsole.error.Printable;

/**
 * The 32 lower-case hex characters that end a connection's ARN and name it in console URLs: one that exists is valid.
 * Spring binds a path's {@code {id}} through its constructor, so that a malformed id is not found.
 */
public record ConnectionId(String value) {

	private static final Pattern LOWER_HEX = Pattern.compile("[0-9a-f]{32}");

	public ConnectionId {
		if (value == null || !LOWER_HEX.matcher(value).matches()) {
			// An id that can't exist is simply not found: callers never learn more than that.
			throw new NotFoundException("Connection '" + Printable.excerpt(value, 64) + "' was not found.");
		}
	}

	public static ConnectionId of(String value) {
		return new ConnectionId(value);
	}

	public static ConnectionId random() {
		return new ConnectionId(UUID.randomUUID().toString().replace("-", ""));
	}

	@Override
	public String toString() {
		return value;
	}

}
