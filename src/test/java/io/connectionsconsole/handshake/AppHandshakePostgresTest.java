package io.connectionsconsole.handshake;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.connectionsconsole.support.PostgresServer;

/**
 * The GitHub App mode's handshake, every case of {@link AppHandshakeTest}, with the console on a real PostgreSQL
 * server.
 */
class AppHandshakePostgresTest extends AppHandshakeTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry);
	}

}
