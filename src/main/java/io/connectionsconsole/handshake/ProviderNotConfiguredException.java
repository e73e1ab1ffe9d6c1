package io.connectionsconsole.handshake;

import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.error.ConsoleException;

/** The connection's provider has no client registration on this console: no client id was configured. */
class ProviderNotConfiguredException extends ConsoleException {

	private final transient Connection connection;

	ProviderNotConfiguredException(Connection connection) {
		super(connection.providerType().displayName() + " is not configured on this console: set "
				+ "spring.security.oauth2.client.registration." + connection.providerType().registrationId()
				+ ".client-id and client-secret.");
		this.connection = connection;
	}

	Connection connection() {
		return connection;
	}

	/** One message per provider, since each names its own properties and environment variables. */
	String messageCode() {
		return HandshakeOutcome.NOT_CONFIGURED.messageCode() + "." + connection.providerType().registrationId();
	}

}
