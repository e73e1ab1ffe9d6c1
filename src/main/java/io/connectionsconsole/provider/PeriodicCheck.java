package io.connectionsconsole.provider;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.connectionsconsole.config.ConsoleProperties;

/**
 * Checks every available connection's token at its provider every {@code console.check.interval}, so that a
 * revoked token shows as {@code ERROR} before a deployment finds out. Off with
 * {@code console.check.enabled=false}: a flag read when the check is due rather than a condition on the bean, so
 * that it holds in an ahead-of-time processed build too.
 *
 * <p>Every console instance schedules it, and one runs it: the lock is held for an interval from the start of a
 * run, so that the instances together run it once per interval. Should a run outlast the interval, another instance
 * may start the next one meanwhile; a connection is still checked once, as each check claims its connection first.
 * Each run is timed as {@code console.periodic.check}.
 */
@Component
class PeriodicCheck {

	static final String LOCK = "periodic-check";

	private static final Logger log = LoggerFactory.getLogger(PeriodicCheck.class);

	private final ConnectionChecks checks;

	private final ConsoleProperties.Check settings;

	private final JdbcClient jdbc;

	private final Timer runs;

	/** Set once the console is asked to stop: a run under way ends after the connection it is checking. */
	private volatile boolean stopping;

	PeriodicCheck(ConnectionChecks checks, ConsoleProperties properties, MeterRegistry meters, JdbcClient jdbc) {
		this.checks = checks;
		this.settings = properties.check();
		this.jdbc = jdbc;
		this.runs = Timer.builder("console.periodic.check")
			.description("Runs of the periodic connection check on this instance")
			.register(meters);
	}

	/**
	 * The console is closing: published before its scheduler and web server stop, so that a run ends while there is
	 * time to store what its last check refreshed, rather than being interrupted in the middle of one.
	 */
	@EventListener(ContextClosedEvent.class)
	void stopping() {
		stopping = true;
	}

	/**
	 * The lock of the last run, taken for the interval of the console that ran it, ends no later than this console's
	 * interval after that run's start: after a restart with a shorter interval, the next run would otherwise wait up
	 * to the longer one.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void started() {
		endLockWithinInterval(LOCK, settings.interval());
	}

	/** Shortens lock {@code name} to {@code interval} from its start, where it is held longer; true where it was. */
	boolean endLockWithinInterval(String name, Duration interval) {
		record Held(LocalDateTime lockedAt, LocalDateTime lockUntil) {
		}
		// as ShedLock writes them: the database's time, without a zone
		Held held = jdbc.sql("SELECT locked_at, lock_until FROM shedlock WHERE name = :name")
			.param("name", name)
			.query((rs, n) -> new Held(rs.getTimestamp("locked_at").toLocalDateTime(),
					rs.getTimestamp("lock_until").toLocalDateTime()))
			.optional()
			.orElse(null);
		if (held == null || !held.lockUntil().isAfter(held.lockedAt().plus(interval))) {
			return false;
		}
		return jdbc.sql("UPDATE shedlock SET lock_until = :until WHERE name = :name AND locked_at = :lockedAt")
			.param("until", Timestamp.valueOf(held.lockedAt().plus(interval)))
			.param("name", name)
			.param("lockedAt", Timestamp.valueOf(held.lockedAt()))
			.update() == 1;
	}

	@Scheduled(fixedDelayString = "${console.check.interval:PT1H}",
			initialDelayString = "${console.check.initial-delay:PT1M}")
	@SchedulerLock(name = LOCK, lockAtLeastFor = "${console.check.interval:PT1H}",
			lockAtMostFor = "${console.check.interval:PT1H}")
	void run() {
		if (!settings.enabled()) {
			return;
		}
		int checked = runs.record(() -> checks.checkDue(settings.interval(), () -> stopping));
		if (checked > 0) {
			log.info("Periodic check: {} connections checked", checked);
		}
	}

}
