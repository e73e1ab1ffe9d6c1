package io.connectionsconsole.security;

import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.PostgresServer;

/** Concurrent sign-ins on a real PostgreSQL server, where the compare-and-swap of the buckets' rows really contends. */
@ConsoleTest
@AutoConfigureMockMvc
class ConcurrentSignInsPostgresTest extends ConcurrentSignInsContract {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry);
	}

}
