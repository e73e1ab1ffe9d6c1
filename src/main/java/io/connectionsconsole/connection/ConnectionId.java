package io.connectionsconsole.connection;

import java.util.UUID;

import io.connectionsconsole.error.NotFoundException;

/** The 32 lower-case hex characters that end a connection's ARN and name it in console URLs. */
public record ConnectionId(String value) {

	private static final int LENGTH = 32;

	public ConnectionId {
		if (!isLowerHex(value)) {
			// An id that can't exist is simply not found: callers never learn more than that.
			throw new NotFoundException("Connection '" + value + "' was not found.");
		}
	}

	// Checked on every row a page lists: a loop over the characters costs a fraction of a regular expression.
	private static boolean isLowerHex(String value) {
		if (value == null || value.length() != LENGTH) {
			return false;
		}
		for (int i = 0; i < LENGTH; i++) {
			char c = value.charAt(i);
			if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
				return false;
			}
		}
		return true;
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
