package io.connectionsconsole.session;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.MapSession;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.transaction.support.TransactionTemplate;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.config.ConsoleProperties.SessionStore;

/**
 * Sessions in the database, so that several console instances on one database serve the same users. Spring Boot
 * registers the filter and configures its cookie from {@code server.servlet.session.cookie.*}; sessions expire
 * after {@code server.servlet.session.timeout} without a request.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	@Bean
	DatabaseSessionRepository databaseSessionRepository(JdbcClient jdbc, TransactionTemplate transaction, Clock clock,
			SessionTimeout timeout, ResourceLoader resourceLoader) {
		Duration maxInactiveInterval = (timeout.getTimeout() != null) ? timeout.getTimeout()
				: MapSession.DEFAULT_MAX_INACTIVE_INTERVAL;
		return new DatabaseSessionRepository(jdbc, transaction, clock, maxInactiveInterval,
				resourceLoader.getClassLoader());
	}

	@Bean
	DatabaseSessionFilter springSessionRepositoryFilter(DatabaseSessionRepository sessions, CookieSerializer cookies,
			ConsoleProperties properties) {
		CookieHttpSessionIdResolver ids = new CookieHttpSessionIdResolver();
		ids.setCookieSerializer(cookies);
		return new DatabaseSessionFilter(sessions, ids, properties.session().store() == SessionStore.DATABASE);
	}

}
