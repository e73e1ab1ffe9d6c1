package io.connectionsconsole.session;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.PostgresServer;

/** Sessions on a real PostgreSQL server. */
@ConsoleTest
class SessionStorePostgresTest extends SessionStoreContract {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry);
	}

}
