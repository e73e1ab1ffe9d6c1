package io.connectionsconsole.session;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.PostgresServer;

/** The database session store on a real PostgreSQL server, with the same Flyway migrations. */
@ConsoleTest
class DatabaseSessionRepositoryPostgresTest extends DatabaseSessionRepositoryContract {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry);
	}

}
