package io.connectionsconsole.connection;

import java.util.List;

/**
 * One page of a region's connections as the console lists them, read at one moment: the quota usage, how many
 * connections match the filter, which page is shown (the one asked for, kept within the pages there are), its rows,
 * and the preferences of the user it was read for (its page size, the columns to show).
 */
public record ConnectionPage(QuotaUsage usage, int matches, int page, int pages, List<Connection> rows,
		ListPreferences preferences) {
}
