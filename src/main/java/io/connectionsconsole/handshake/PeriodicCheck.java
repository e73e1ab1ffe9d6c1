package io.connectionsconsole.handshake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.connectionsconsole.config.ConsoleProperties;

/**
 * Checks every available connection's token at its provider every {@code console.check.interval}, so that a
 * revoked token shows as {@code ERROR} before a deployment finds out. Off with
 * {@code console.check.enabled=false}: a flag read when the check is due rather than a condition on the bean, so
 * that it holds in an ahead-of-time processed build too.
 */
@Component
class PeriodicCheck {

	private static final Logger log = LoggerFactory.getLogger(PeriodicCheck.class);

	private final HandshakeService handshakes;

	private final ConsoleProperties properties;

	PeriodicCheck(HandshakeService handshakes, ConsoleProperties properties) {
		this.handshakes = handshakes;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${console.check.interval:PT1H}", initialDelayString = "PT1M")
	void run() {
		if (!properties.check().enabled()) {
			return;
		}
		int checked = handshakes.checkDue(properties.check().interval());
		if (checked > 0) {
			log.info("Periodic check: {} connections checked", checked);
		}
	}

}
