package io.connectionsconsole.link;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.connectionsconsole.support.PostgresServer;

/** Cloning through the console, every case of {@link GitCloneTest}, with the console on a real PostgreSQL server. */
class GitClonePostgresTest extends GitCloneTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry);
	}

}
