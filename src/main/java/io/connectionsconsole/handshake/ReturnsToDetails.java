package io.connectionsconsole.handshake;

import java.util.LinkedHashMap;

import jakarta.servlet.http.HttpSession;

import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.crypto.Sha256;

/**
 * The handshakes of a session that were started from their connection's details page and go back there when they
 * end, by the hash of their state (the session is stored, and a state in it would open the handshake). A session
 * keeps the latest few: a handshake not finished within them ends on the Connected accounts page, as any other.
 */
final class ReturnsToDetails {

	static final String ATTRIBUTE = ReturnsToDetails.class.getName();

	static final int KEPT = 8;

	private ReturnsToDetails() {
	}

	static void remember(HttpSession session, String state, ConnectionId connection) {
		if (state == null) {
			return;
		}
		LinkedHashMap<String, String> returns = returns(session);
		returns.put(Sha256.hex(state), connection.value());
		while (returns.size() > KEPT) {
			returns.remove(returns.keySet().iterator().next());
		}
		// set again, so that the session's store writes the change
		session.setAttribute(ATTRIBUTE, returns);
	}

	/** The connection whose details page the handshake of {@code state} goes back to, once; null: its list. */
	static ConnectionId take(HttpSession session, String state) {
		if (state == null || !(session.getAttribute(ATTRIBUTE) instanceof LinkedHashMap<?, ?> kept)
				|| !kept.containsKey(Sha256.hex(state))) {
			return null;
		}
		LinkedHashMap<String, String> returns = returns(session);
		String connection = returns.remove(Sha256.hex(state));
		session.setAttribute(ATTRIBUTE, returns);
		return ConnectionId.of(connection);
	}

	@SuppressWarnings("unchecked")
	private static LinkedHashMap<String, String> returns(HttpSession session) {
		return session.getAttribute(ATTRIBUTE) instanceof LinkedHashMap<?, ?> kept
				? new LinkedHashMap<>((LinkedHashMap<String, String>) kept) : new LinkedHashMap<>();
	}

}
