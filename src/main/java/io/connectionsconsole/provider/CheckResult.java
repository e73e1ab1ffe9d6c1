package io.connectionsconsole.provider;

import java.time.Instant;

import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.Connection;

/**
 * A check a user asked for: the connection as it was before, what the provider said, and after a rate limit when to
 * try again.
 */
public record CheckResult(Connection connection, CheckOutcome outcome, Instant retryAt) {
}
