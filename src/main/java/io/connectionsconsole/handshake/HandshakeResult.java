package io.connectionsconsole.handshake;

/**
 * What the callback did: how the handshake ended, the connection's name for its message (null when the callback names
 * no known handshake) and the region whose page the user goes back to (null: the user's current one).
 */
record HandshakeResult(HandshakeOutcome outcome, String connectionName, String region) {
}
