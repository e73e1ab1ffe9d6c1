package io.connectionsconsole.config;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.provider.sql.DatabaseProduct;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled jobs run on one console instance at a time: a method annotated with ShedLock's {@code @SchedulerLock}
 * runs only where its lock, a row of the {@code shedlock} table (V6), could be taken. Lock times come from the
 * database's clock, so that instances whose clocks differ still agree on when a lock ends.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class SchedulerLockConfiguration {

	@Bean
	LockProvider lockProvider(DataSource dataSource, @Value("${spring.datasource.url:}") String url) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.withDatabaseProduct(product(url))
			.usingDbTime()
			.build());
	}

	/**
	 * The database's kind, from its URL: ShedLock would ask the database for it at the first lock, and a database
	 * unreachable then made every job fail with "DB time is not supported for database product: UNKNOWN" rather
	 * than with what was wrong. Null for another kind: ShedLock asks.
	 */
	static DatabaseProduct product(String url) {
		return url.startsWith("jdbc:postgresql:") ? DatabaseProduct.POSTGRES_SQL
				: url.startsWith("jdbc:h2:") ? DatabaseProduct.H2 : null;
	}

}
