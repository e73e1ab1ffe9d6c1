package io.connectionsconsole.config;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.AbstractDataSource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A job whose lock can't be taken as the database is unreachable fails saying so, whichever database it is. */
class SchedulerLockConfigurationTest {

	/** A database that can't be reached, as in an outage. */
	private static final DataSource UNREACHABLE = new AbstractDataSource() {

		@Override
		public java.sql.Connection getConnection() throws SQLException {
			throw new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
		}

		@Override
		public java.sql.Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

	};

	@Test
	void aLockTheDatabaseCantBeAskedForSaysThatTheConnectionFailed() {
		for (String url : new String[] { "jdbc:postgresql://db:5432/console", "jdbc:h2:file:./data/console" }) {
			LockProvider locks = new SchedulerLockConfiguration().lockProvider(UNREACHABLE, url);

			assertThatThrownBy(() -> locks.lock(new LockConfiguration(Instant.now(), "a-job", Duration.ofMinutes(1),
					Duration.ZERO)))
				.as(url)
				.isNotInstanceOf(UnsupportedOperationException.class)
				.hasStackTraceContaining("Connection to 127.0.0.1:5432 refused");
		}
	}

}
