package io.connectionsconsole.connection;

import java.util.List;

/**
 * A connection's details page, ready to show: the connection as its table row (which the Actions menu and the status
 * indicator read), its ARN, Region, the reason beside its status, its provider account (null parts before the
 * handshake), tags and health history; {@code readable} when its repositories can be read.
 */
public record ConnectionDetailsView(ConnectionRow row, String arn, String region, String statusReason, String login,
		String displayName, String profileUrl, List<Tag> tags, List<CheckRecord> history, boolean readable) {
}
