package io.connectionsconsole.connection;

import java.util.UUID;
import java.util.regex.Pattern;

import io.connectionsconsole.error.NotFoundException;

/**
 * The 32 lower-case hex characters that end a connection's ARN and name it in console URLs. Made by {@link #of} from
 * input, which checks them; ids read back from the database were checked when written.
 */
public final class ConnectionId {

	private static final Pattern LOWER_HEX = Pattern.compile("[0-9a-f]{32}");

	private final String value;

	private ConnectionId(String value) {
		this.value = value;
	}

	public static ConnectionId of(String value) {
		if (value == null || !LOWER_HEX.matcher(value).matches()) {
			// An id that can't exist is simply not found: callers never learn more than that.
			throw new NotFoundException("Connection '" + value + "' was not found.");
		}
		return new ConnectionId(value);
	}

	public static ConnectionId random() {
		return new ConnectionId(UUID.randomUUID().toString().replace("-", ""));
	}

	/** An id as the database holds it: only ids that passed {@link #of} or were made by {@link #random} are stored. */
	static ConnectionId stored(String value) {
		return new ConnectionId(value);
	}

	public String value() {
		return value;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ConnectionId that && that.value.equals(value);
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
