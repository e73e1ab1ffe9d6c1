package io.connectionsconsole.connection;

/**
 * What happens to a connection that its status answers to; {@link ConnectionLifecycle} says from which statuses each
 * may happen and which status it leads to.
 */
public enum ConnectionEvent {

	/** Created by a user or the API: the connection has no token yet. */
	CREATED,
	/** Complete handshake: the provider gave the first token. */
	HANDSHAKE_COMPLETED,
	/** Update authorization: the provider gave a new token, the ARN stays. */
	AUTHORIZATION_UPDATED,
	/**
	 * A check (asked for, periodic, or a repository read) that found the token working or learnt nothing about it: a
	 * provider that is down, slow or rate-limiting.
	 */
	CHECKED,
	/** A check in which the provider refused the token (HTTP 401), or its refresh token. */
	TOKEN_REJECTED,
	/** GitHub suspended the app's installation that serves the connection (GitHub App mode). */
	INSTALLATION_SUSPENDED,
	/** GitHub lifted the suspension of the installation. */
	INSTALLATION_UNSUSPENDED,
	/** The installation was deleted at GitHub: the app no longer reads its account's repositories. */
	INSTALLATION_DELETED,
	/** Deleted: kept as history, never listed, its name free again. */
	DELETED

}
