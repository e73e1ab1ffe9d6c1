package io.connectionsconsole.provider;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
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

	private final Timer runs;

	/** Set once the console is asked to stop: a run under way ends after the connection it is checking. */
	private volatile boolean stopping;

	PeriodicCheck(ConnectionChecks checks, ConsoleProperties properties, MeterRegistry meters) {
		this.checks = checks;
		this.settings = properties.check();
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
