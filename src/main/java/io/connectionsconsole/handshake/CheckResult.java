package io.connectionsconsole.handshake;

import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.Connection;

/** A check a user asked for: the connection as it was before, and what the provider said. */
record CheckResult(Connection connection, CheckOutcome outcome) {
}
