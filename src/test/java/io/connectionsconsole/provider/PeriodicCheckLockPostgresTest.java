package io.connectionsconsole.provider;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.PostgresServer;

/** The periodic check's lock on a real PostgreSQL server. */
@ConsoleTest
class PeriodicCheckLockPostgresTest extends PeriodicCheckLockContract {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry);
	}

}
