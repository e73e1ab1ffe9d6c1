package io.connectionsconsole.handshake;

import java.io.Serializable;
import java.time.Instant;

/**
 * A link just made, carried across the redirect to the one page that shows it to its maker, in the flash map, which
 * lives in the session: its secret stays sealed there and is unsealed only to be shown.
 */
record NewHandshakeLink(String sealedToken, Instant expiresAt, String connectionName) implements Serializable {

	@Override
	public String toString() {
		return "NewHandshakeLink[" + connectionName + " until " + expiresAt + "]";
	}

}
