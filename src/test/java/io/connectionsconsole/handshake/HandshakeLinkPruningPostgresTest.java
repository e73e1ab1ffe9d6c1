package io.connectionsconsole.handshake;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.PostgresServer;

/** The pruning of handshake links on a real PostgreSQL server. */
@ConsoleTest
class HandshakeLinkPruningPostgresTest extends HandshakeLinkPruningContract {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry);
	}

}
