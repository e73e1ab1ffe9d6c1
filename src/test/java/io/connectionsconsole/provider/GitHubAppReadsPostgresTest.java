package io.connectionsconsole.provider;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.connectionsconsole.support.PostgresServer;

/**
 * A GitHub App connection's reads and binding, every case of {@link GitHubAppReadsTest}, with the console on a real
 * PostgreSQL server.
 */
class GitHubAppReadsPostgresTest extends GitHubAppReadsTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry);
	}

}
