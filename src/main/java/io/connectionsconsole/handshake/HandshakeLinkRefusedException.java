package io.connectionsconsole.handshake;

import io.connectionsconsole.error.ConsoleException;

/** A handshake link that can't be used by this user, now; nothing was changed. */
class HandshakeLinkRefusedException extends ConsoleException {

	/** Why, each with the message the refusal page shows and its HTTP status. */
	enum Reason {

		/** No link has this secret: mistyped, cut short, or never issued. */
		UNKNOWN(404),
		/** The link was made in another account than the user's. */
		OTHER_ACCOUNT(403),
		/** Only administrators complete handshakes. */
		READ_ONLY(403),
		/** A handshake was completed with it already. */
		USED(410),
		EXPIRED(410),
		/** Its connection was deleted, or completed its handshake some other way. */
		NOT_PENDING(409);

		private final int status;

		Reason(int status) {
			this.status = status;
		}

		String messageCode() {
			return "handshakeLink.refused." + name();
		}

		int status() {
			return status;
		}

	}

	private final Reason reason;

	private final String connectionName;

	HandshakeLinkRefusedException(Reason reason, String connectionName) {
		super("The handshake link was refused: " + reason);
		this.reason = reason;
		this.connectionName = connectionName;
	}

	Reason reason() {
		return reason;
	}

	/** The connection's name where the user may learn it (a link of their own account), else null. */
	String connectionName() {
		return connectionName;
	}

}
