package io.connectionsconsole.connection;

/** What made the console ask the provider about a connection's token. */
public enum CheckTrigger {

	/** A user chose Check connection. */
	ON_DEMAND,
	/** The periodic check of every available connection. */
	PERIODIC,
	/** A user listed the connection's repositories or branches, which reads through the provider with the token. */
	REPOSITORY_READ,
	/** A completed handshake read the provider user with the new token. */
	HANDSHAKE,
	/** GitHub told the console of a change to the GitHub App's installation or authorization. */
	WEBHOOK

}
