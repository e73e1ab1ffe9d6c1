package io.connectionsconsole.connection;

import java.util.List;

/**
 * One page of a region's connections as the console lists them, read at one moment; {@code page} is the one asked for,
 * kept within the pages there are, and {@code preferences} those of the user it was read for.
 */
public record ConnectionPage(QuotaUsage usage, int matches, int page, int pages, List<Connection> rows,
		ListPreferences preferences) {
}
