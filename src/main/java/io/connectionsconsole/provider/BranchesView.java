package io.connectionsconsole.provider;

import java.util.List;

/**
 * The branches of the repository chosen on a details page, ready to show: why they can't be listed
 * ({@code problem}, else null), or every branch the console read, with the commit each points at (shortened).
 */
public record BranchesView(String repository, String problem, List<Row> rows, boolean truncated) {

	public record Row(String name, String commit) {
	}

}
