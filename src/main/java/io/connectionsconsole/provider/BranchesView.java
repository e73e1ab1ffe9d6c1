package io.connectionsconsole.provider;

import java.time.Instant;
import java.util.List;

import io.connectionsconsole.connection.CheckOutcome;

/**
 * The branches of the repository chosen on a details page: every branch the console read, or why they can't be
 * listed: the read's {@code outcome} (with when to try again), or the repository not {@code found}.
 */
public record BranchesView(String repository, CheckOutcome outcome, boolean found, Instant retryAt, List<Branch> rows,
		boolean truncated) {

	public boolean listed() {
		return outcome.ok() && found;
	}

}
