package io.connectionsconsole.provider;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.connectionsconsole.support.PostgresServer;

/** GitHub's webhooks, every case of {@link GitHubWebhookTest}, with the console on a real PostgreSQL server. */
class GitHubWebhookPostgresTest extends GitHubWebhookTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry);
	}

}
