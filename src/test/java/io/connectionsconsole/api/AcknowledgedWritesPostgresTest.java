package io.connectionsconsole.api;

import java.util.List;
import java.util.stream.Stream;

import io.connectionsconsole.support.PostgresServer;

/** A real PostgreSQL server, which keeps running while the console is killed: a database of the test's own. */
class AcknowledgedWritesPostgresTest extends AcknowledgedWritesContract {

	@Override
	List<String> databaseArguments() {
		return Stream.concat(PostgresServer.newDatabase("acknowledged").stream(),
				Stream.of("--console.token-key=acknowledged-writes-test-key-0123456789"))
			.toList();
	}

}
