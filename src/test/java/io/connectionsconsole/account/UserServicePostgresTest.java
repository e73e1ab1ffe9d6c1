package io.connectionsconsole.account;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.PostgresServer;

/** User management on a real PostgreSQL server, where two administrators really do act at once. */
@ConsoleTest
class UserServicePostgresTest extends UserServiceContract {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry);
	}

}
