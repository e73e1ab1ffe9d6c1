package io.connectionsconsole.handshake;

import java.time.Instant;

import io.connectionsconsole.connection.Connection;

/**
 * A handshake link the signed-in user may use: its connection, who shared it and until when. {@code linkHash} names
 * the link; the secret itself is not kept.
 */
record HandshakeInvitation(String linkHash, Connection connection, String createdBy, Instant expiresAt) {
}
