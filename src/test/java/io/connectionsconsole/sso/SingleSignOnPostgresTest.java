package io.connectionsconsole.sso;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.connectionsconsole.support.PostgresServer;

/** Sign-in through the identity provider, every case of {@link SingleSignOnTest}, on a real PostgreSQL server. */
class SingleSignOnPostgresTest extends SingleSignOnTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry);
	}

}
