package io.connectionsconsole.connection;

/**
 * What a check of a connection's token found. Only the provider's refusal of the token makes a connection
 * {@code ERROR}: a provider that is down, slow or rate-limiting says nothing about the token.
 */
public enum CheckOutcome {

	/** The provider accepted the token. */
	OK,
	/** HTTP 401: the token was revoked or has expired, and could not be refreshed. */
	TOKEN_REJECTED,
	/** The token had expired and the provider refused the stored refresh token. */
	REFRESH_REJECTED,
	/** HTTP 403 or 429 with the provider's rate-limit headers. */
	RATE_LIMITED,
	/** No answer in time, no connection, or a server error (HTTP 5xx). */
	UNREACHABLE,
	/** An answer larger than the console reads: refused unread past the limit. */
	ANSWER_TOO_LARGE,
	/** An answer the console can't read, or a status that says nothing about the token. */
	UNEXPECTED_ANSWER,
	/** The token had expired, and the provider's client registration is no longer configured to refresh it. */
	NOT_CONFIGURED,
	/** GitHub App mode: GitHub suspended the installation that serves the connection. */
	INSTALLATION_SUSPENDED,
	/** GitHub App mode: the installation that served the connection was deleted. */
	INSTALLATION_DELETED,
	/** GitHub App mode: the user who authorized the connection revoked the app's authorization. */
	AUTHORIZATION_REVOKED;

	public boolean ok() {
		return this == OK;
	}

	public boolean rejectsToken() {
		return this == TOKEN_REJECTED || this == REFRESH_REJECTED;
	}

}
