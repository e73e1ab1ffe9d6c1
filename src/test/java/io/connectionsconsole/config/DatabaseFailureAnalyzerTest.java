package io.connectionsconsole.config;

import java.net.ConnectException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/** What a database the console can't use at start is reported as, and what is left to Spring Boot. */
class DatabaseFailureAnalyzerTest {

	private final DatabaseFailureAnalyzer analyzer = new DatabaseFailureAnalyzer();

	@Test
	void anEmbeddedFileInUseByAnotherConsoleSaysToStopItOrUseAnotherFile() {
		FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("bean",
				new SQLException("Database may be already in use: \"/data/console.mv.db\"", "90020")));

		assertThat(analysis.getDescription()).isEqualTo("The database could not be used at start: Database may be "
				+ "already in use: \"/data/console.mv.db\"");
		assertThat(analysis.getAction()).startsWith("Stop the other console (or program) that has the database file open");
	}

	@Test
	void aRefusedConnectionNamesTheCauseBeneathTheDriversMessage() {
		SQLException refused = new SQLException("The connection attempt failed.", "08001",
				new ConnectException("no-such-db-host.invalid"));

		FailureAnalysis analysis = analyzer.analyze(new RuntimeException(refused));

		assertThat(analysis.getDescription()).isEqualTo("The database could not be used at start: The connection "
				+ "attempt failed. (ConnectException: no-such-db-host.invalid)");
		assertThat(analysis.getAction()).contains("spring.datasource.url");
	}

	@Test
	void aStatementThatFailedIsNoUnusableDatabase() {
		assertThat(analyzer.analyze(new RuntimeException(new SQLException("syntax error", "42601")))).isNull();
	}

}
