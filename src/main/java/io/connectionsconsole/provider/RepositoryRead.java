package io.connectionsconsole.provider;

import java.time.Instant;
import java.util.List;

import io.connectionsconsole.connection.CheckOutcome;

/**
 * What a read of a connection's repositories, or of one repository's branches, found: the outcome (which the health
 * history records like a check's), and when it is OK, the items and whether there were more than the console reads.
 * {@code found} is false when the provider doesn't know the repository asked about; {@code retryAt} says when to try
 * again after a rate limit.
 */
record RepositoryRead<T>(CheckOutcome outcome, boolean found, List<T> items, boolean truncated, Instant retryAt) {
}
