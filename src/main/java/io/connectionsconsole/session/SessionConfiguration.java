package io.connectionsconsole.session;

import java.util.concurrent.TimeUnit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.stereotype.Component;

/**
 * Sessions in the database through Spring Session JDBC, so that several console instances on one database serve
 * the same users. Spring Boot configures the repository ({@code spring.session.jdbc.*}, the timeout from
 * {@code server.servlet.session.timeout}) and the cookie ({@code server.servlet.session.cookie.*}); Flyway owns the
 * tables. The cookie carries a secret whose hash names the session in the database.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

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

	/**
	 * Deletes expired sessions every ten minutes (Spring Session's own schedule is switched off with
	 * {@code spring.session.jdbc.cleanup-cron=-}); an expired session is never served, deleted or not.
	 */
	@Component
	static class ExpiredSessionCleanup {

		private final JdbcIndexedSessionRepository sessions;

		ExpiredSessionCleanup(JdbcIndexedSessionRepository sessions) {
			this.sessions = sessions;
		}

		@Scheduled(fixedDelay = 10, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
		void run() {
			sessions.cleanUpExpiredSessions();
		}

	}

}
