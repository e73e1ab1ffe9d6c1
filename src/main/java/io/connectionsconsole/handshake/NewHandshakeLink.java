package io.connectionsconsole.handshake;

import java.time.Instant;

import io.connectionsconsole.connection.Connection;

/** A link just made: its secret exists here, in memory, and in the one page that shows it to its maker. */
record NewHandshakeLink(String token, Instant expiresAt, Connection connection) {

	@Override
	public String toString() {
		return "NewHandshakeLink[" + connection.id() + " until " + expiresAt + "]";
	}

}
