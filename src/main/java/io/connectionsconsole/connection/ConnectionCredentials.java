package io.connectionsconsole.connection;

/**
 * A connection with its tokens, for one call to its provider. The {@code stamp} names the stored tokens the
 * call used: what the call finds is recorded only while they are still the stored ones, so a check that
 * raced a new handshake or another instance's refresh can't mark the fresh tokens as broken. A GitHub App connection
 * bound to its installation without a handshake has no tokens (null, its stamp empty): it reads with its installation's.
 */
public record ConnectionCredentials(Connection connection, ProviderTokens tokens, String stamp) {

	@Override
	public String toString() {
		return "ConnectionCredentials[" + connection.id() + "]";
	}

}
