package io.connectionsconsole.api;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.connectionsconsole.support.PostgresServer;

/** A real PostgreSQL server, which keeps running while the console is killed: a database of the test's own. */
class AcknowledgedWritesPostgresTest extends AcknowledgedWritesContract {

	private static final AtomicInteger DATABASES = new AtomicInteger();

	@Override
	List<String> databaseArguments() {
		String database = "acknowledged_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
		try (Connection connection = PostgresServer.get().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the test database", ex);
		}
		return List.of("--spring.datasource.url=" + PostgresServer.get().getJdbcUrl("postgres", database),
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--console.token-key=acknowledged-writes-test-key-0123456789");
	}

}
