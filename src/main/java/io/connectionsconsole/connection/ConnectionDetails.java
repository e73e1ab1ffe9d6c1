package io.connectionsconsole.connection;

import java.util.List;

/** A connection as its details page shows it: with its tags and its latest checks, newest first. */
public record ConnectionDetails(Connection connection, List<Tag> tags, List<CheckRecord> history) {
}
