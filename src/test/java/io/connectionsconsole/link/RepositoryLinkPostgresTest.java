package io.connectionsconsole.link;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.PostgresServer;

/** Repository links and their tokens on a real PostgreSQL server. */
@ConsoleTest
class RepositoryLinkPostgresTest extends RepositoryLinkContract {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry);
	}

}
