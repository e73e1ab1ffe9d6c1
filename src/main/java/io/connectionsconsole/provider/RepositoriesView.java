package io.connectionsconsole.provider;

import java.time.Instant;
import java.util.List;

import io.connectionsconsole.connection.CheckOutcome;

/**
 * The Repositories section of a details page: one page of the repositories whose name contains the filter, with the
 * URLs of the pages around it; or why nothing can be listed, the read's {@code outcome} (with when to try again) or,
 * with {@code throttledFor}, the seconds until the user's page budget allows another read. {@code count} is how many
 * the connection can read, {@code truncated} when the provider had more than the console reads.
 */
public record RepositoriesView(CheckOutcome outcome, Instant retryAt, Long throttledFor, int count, String filter,
		int matches, int page, int pages, String previousUrl, String nextUrl, String clearUrl, boolean truncated,
		List<Row> rows) {

	public boolean listed() {
		return throttledFor == null && outcome.ok();
	}

	public boolean filtered() {
		return !filter.isEmpty();
	}

	/** One repository, the URL that shows its branches, and whether they are shown. */
	public record Row(Repo repo, String branchesUrl, boolean selected) {
	}

}
