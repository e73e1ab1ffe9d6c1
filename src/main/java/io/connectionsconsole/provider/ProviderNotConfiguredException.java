package io.connectionsconsole.provider;

import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.error.ConsoleException;

/** The connection's provider has no client registration on this console: no client id was configured. */
public class ProviderNotConfiguredException extends ConsoleException {

	private final transient Connection connection;

	public ProviderNotConfiguredException(Connection connection) {
		super(connection.providerType().displayName() + " is not configured on this console: set "
				+ "spring.security.oauth2.client.registration." + connection.providerType().registrationId()
				+ ".client-id and client-secret.");
		this.connection = connection;
	}

	public Connection connection() {
		return connection;
	}

}
