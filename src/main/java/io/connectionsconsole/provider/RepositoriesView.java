package io.connectionsconsole.provider;

import java.util.List;

/**
 * The Repositories section of a details page, ready to show: why nothing can be listed ({@code problem}, else null),
 * or one page of the repositories whose name contains the filter, with the URLs of the pages around it; {@code count}
 * is how many the connection can read, {@code truncated} when the provider had more than the console reads.
 */
public record RepositoriesView(String problem, boolean listed, int count, String filter, boolean filtered,
		int matches, String matchesText, int page, int pages, String pageText, String previousUrl, String nextUrl,
		String clearUrl, boolean truncated, List<Row> rows) {

	/** One repository: its texts ready, the URL that shows its branches, and whether they are shown. */
	public record Row(String fullName, String visibility, String defaultBranch, String url, String updatedIso,
			String updated, String branchesUrl, String branchesLabel, boolean selected) {
	}

}
