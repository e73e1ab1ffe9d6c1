package io.connectionsconsole.connection;

import java.time.Instant;

/** One entry of a connection's health history: when the provider was asked, why, what it said, and who asked. */
public record CheckRecord(Instant at, CheckTrigger trigger, CheckOutcome outcome, String actor) {
}
