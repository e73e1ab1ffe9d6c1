package io.connectionsconsole.connection;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.PostgresServer;

/** The connection rules on a real PostgreSQL server, with the same Flyway migrations. */
@ConsoleTest
class ConnectionServicePostgresTest extends ConnectionServiceContract {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry);
	}

}
