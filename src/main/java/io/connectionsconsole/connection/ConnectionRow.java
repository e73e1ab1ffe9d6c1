package io.connectionsconsole.connection;

/**
 * One row of the Connected accounts table, ready to show: its texts are looked up and its times formatted once, by
 * {@link ConnectionRows}, so that the template only writes them out. Nullable parts are null when they don't apply.
 * The booleans say which actions its status allows: Complete handshake, Check connection, Update authorization, Copy
 * handshake link.
 */
public record ConnectionRow(String id, String name, String rowId, String selectId, String selectLabel,
		String provider, String status, String statusText, String createdIso, String created, String profileUrl,
		String login, String providerLinkLabel, String checkedIso, String checked, String checkFailed,
		String detailsText, String detailsLabel, boolean handshake, boolean check, boolean reauthorize,
		boolean shareLink, boolean selected) {
}
