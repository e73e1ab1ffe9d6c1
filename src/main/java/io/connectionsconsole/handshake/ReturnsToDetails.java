package io.connectionsconsole.handshake;

import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpSession;

import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.crypto.Sha256;

/**
 * The handshakes of a session that were started from their connection's details page and go back there when they
 * end: an attribute each, named by the hash of the handshake's state (the session is stored, and a state in it would
 * open the handshake), so that two started at once in two tabs don't overwrite one another. A session keeps a few: a
 * handshake beyond them ends on the Connected accounts page, as any other.
 */
final class ReturnsToDetails {

	static final String PREFIX = ReturnsToDetails.class.getName() + ".";

	static final int KEPT = 8;

	private ReturnsToDetails() {
	}

	static void remember(HttpSession session, String state, ConnectionId connection) {
		if (state == null) {
			return;
		}
		String name = PREFIX + Sha256.hex(state);
		session.setAttribute(name, connection.value());
		List<String> kept = Collections.list(session.getAttributeNames())
			.stream()
			.filter((attribute) -> attribute.startsWith(PREFIX) && !attribute.equals(name))
			.toList();
		kept.stream().limit(Math.max(0, kept.size() - (KEPT - 1))).forEach(session::removeAttribute);
	}

	/** The connection whose details page the handshake of {@code state} goes back to; null: its list. */
	static ConnectionId of(HttpSession session, String state) {
		return state != null && session.getAttribute(PREFIX + Sha256.hex(state)) instanceof String connection
				? ConnectionId.of(connection) : null;
	}

	/** The handshake of {@code state} has ended: loaded again, its callback goes to the list. */
	static void forget(HttpSession session, String state) {
		if (state != null) {
			session.removeAttribute(PREFIX + Sha256.hex(state));
		}
	}

}
