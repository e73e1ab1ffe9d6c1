package io.connectionsconsole.session;

import java.sql.DatabaseMetaData;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.FlushMode;
import org.springframework.session.SaveMode;
import org.springframework.session.Session;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.stereotype.Component;

import io.connectionsconsole.account.AccountService;

/**
 * Sessions in the database through Spring Session JDBC, so that several console instances on one database serve the
 * same users; Flyway owns the tables. The console declares the repository itself, rather than leaving it to Spring
 * Boot, so that the session filter uses it through {@link SparseAccessSessionRepository}; the cookie and the timeout
 * are still Spring Boot's {@code server.servlet.session.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableJdbcHttpSession(flushMode = FlushMode.ON_SAVE, saveMode = SaveMode.ON_SET_ATTRIBUTE,
		cleanupCron = Scheduled.CRON_DISABLED)
class SessionConfiguration {

	/** H2's upsert of a session attribute; {@code %TABLE_NAME%} is Spring Session's placeholder. */
	private static final String MERGE_SESSION_ATTRIBUTE = """
			MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
			KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (?, ?, ?)""";

	/** The cookie as Spring Boot configures it; {@link HashedSessionIds} writes and reads it. */
	@Bean
	CookieHttpSessionIdResolver cookieHttpSessionIdResolver(CookieSerializer cookieSerializer) {
		CookieHttpSessionIdResolver resolver = new CookieHttpSessionIdResolver();
		resolver.setCookieSerializer(cookieSerializer);
		return resolver;
	}

	@Bean
	@Primary
	HashedSessionIds hashedSessionIds(CookieHttpSessionIdResolver cookieHttpSessionIdResolver) {
		return new HashedSessionIds(cookieHttpSessionIdResolver);
	}

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> hashedSessionIdGenerator(HashedSessionIds ids) {
		return (repository) -> repository.setSessionIdGenerator(ids);
	}

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionTimeout(SessionTimeout timeout) {
		// a session in use is written once a minute at most: a shorter timeout would end it while it is used
		if (timeout.getTimeout() != null
				&& timeout.getTimeout().compareTo(SparseAccessSessionRepository.ACCESS_PRECISION.multipliedBy(2)) < 0) {
			throw new IllegalStateException("server.servlet.session.timeout must be at least 2 minutes; it is "
					+ timeout.getTimeout().toSeconds() + " s. A session in use is stored once a minute, so a shorter "
					+ "one would end sessions that are in use.");
		}
		return (repository) -> {
			if (timeout.getTimeout() != null) {
				repository.setDefaultMaxInactiveInterval(timeout.getTimeout());
			}
		};
	}

	/** The repository the session filter uses: Spring Session JDBC's, writing a session that was only read sparsely. */
	@Bean
	@Primary
	@SuppressWarnings("unchecked")
	SparseAccessSessionRepository sparseAccessSessionRepository(JdbcIndexedSessionRepository sessions,
			ObjectProvider<AccountService> accounts) {
		return new SparseAccessSessionRepository(
				(FindByIndexNameSessionRepository<Session>) (FindByIndexNameSessionRepository<?>) sessions,
				(user) -> accounts.getObject().accessChanged(user));
	}

	/**
	 * Two requests of one session that add the same attribute at once (two forms posted side by side, each leaving a
	 * flash message) both insert its row, and Spring Session's plain INSERT fails the second on the primary key. The
	 * insert becomes an upsert: Spring Session's own query for PostgreSQL, H2's MERGE on the embedded database.
	 */
	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> upsertedSessionAttributes(DataSource dataSource)
			throws MetaDataAccessException {
		String database = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		if ("PostgreSQL".equals(database)) {
			return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
		}
		return (repository) -> repository.setCreateSessionAttributeQuery(MERGE_SESSION_ATTRIBUTE);
	}

	/**
	 * Deletes expired sessions every ten minutes, on one instance of the cluster at a time (Spring Session's own
	 * schedule, on every instance, is switched off); an expired session is never served, deleted or not.
	 */
	@Component
	static class ExpiredSessionCleanup {

		private final JdbcIndexedSessionRepository sessions;

		ExpiredSessionCleanup(JdbcIndexedSessionRepository sessions) {
			this.sessions = sessions;
		}

		@Scheduled(fixedDelay = 10, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
		@SchedulerLock(name = "expired-session-cleanup", lockAtLeastFor = "PT9M", lockAtMostFor = "PT9M")
		void run() {
			sessions.cleanUpExpiredSessions();
		}

	}

}
