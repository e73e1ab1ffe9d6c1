package io.connectionsconsole.connection;

/**
 * Whether the console can complete a handshake with a provider: it needs the OAuth application registered for it,
 * which an administrator sets up at start. *Add connection* says so beside a provider that has none, before a
 * connection to it is made that could not be completed.
 */
public interface ProviderSetup {

	boolean canCompleteHandshakes(ProviderType provider);

}
