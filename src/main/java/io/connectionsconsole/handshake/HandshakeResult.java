package io.connectionsconsole.handshake;

/**
 * What the callback did: the message to flash, the connection's name for it (null when the callback names
 * no known handshake) and the region whose page the user goes back to (null: the user's current one).
 */
record HandshakeResult(boolean completed, String messageCode, String connectionName, String region) {

	static HandshakeResult of(HandshakeOutcome outcome, String connectionName, String region) {
		return new HandshakeResult(outcome == HandshakeOutcome.COMPLETED, outcome.messageCode(), connectionName, region);
	}

}
