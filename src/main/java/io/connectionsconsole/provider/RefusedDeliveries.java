package io.connectionsconsole.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.github.bucket4j.Bucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.connectionsconsole.config.ClockTimeMeter;

/**
 * Webhook deliveries refused for their signature, which the log warns of once in {@link #WARNING_INTERVAL} with how
 * many since: a webhook secret other than the app's at GitHub refuses every delivery, and GitHub's delivery log would
 * be the only other place to say so. Anyone can post a delivery, so the warnings are bounded (Bucket4j, per console
 * instance); each refusal is also its request's line.
 */
@Component
class RefusedDeliveries {

	static final Duration WARNING_INTERVAL = Duration.ofMinutes(15);

	private static final Logger log = LoggerFactory.getLogger(RefusedDeliveries.class);

	private final Clock clock;

	private final Bucket warnings;

	private long refused;

	private Instant since;

	RefusedDeliveries(Clock clock) {
		this.clock = clock;
		this.warnings = Bucket.builder()
			.addLimit((limit) -> limit.capacity(1).refillIntervally(1, WARNING_INTERVAL))
			.withCustomTimePrecision(new ClockTimeMeter(clock))
			.build();
		this.since = clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	/** A delivery refused: {@code signed} when it had a signature, one that isn't the webhook secret's. */
	synchronized void refused(boolean signed) {
		refused++;
		if (!warnings.tryConsume(1)) {
			return;
		}
		log.warn("{} GitHub webhook {} refused since {}, the last {}: the GitHub App's webhook secret must be "
				+ "console.providers.github.app.webhook-secret. The next such warning comes in {} minutes at the earliest.",
				refused, refused == 1 ? "delivery" : "deliveries", since,
				signed ? "with a signature of another secret" : "without an X-Hub-Signature-256 header",
				WARNING_INTERVAL.toMinutes());
		refused = 0;
		since = clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

}
