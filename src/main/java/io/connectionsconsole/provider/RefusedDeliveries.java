package io.connectionsconsole.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.github.bucket4j.Bucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.connectionsconsole.config.ClockTimeMeter;

/**
 * Webhook deliveries refused for their signature, which the log warns of once in {@link #WARNING_INTERVAL} with how
 * many since: a webhook secret other than the app's at GitHub refuses every delivery, and GitHub's delivery log would
 * be the only other place to say so. Anyone can post a delivery, so the warnings are bounded (Bucket4j, per console
 * instance); each refusal is also its request's line. {@link GitHubWebhooks} counts them as it checks signatures.
 */
class RefusedDeliveries {

	static final Duration WARNING_INTERVAL = Duration.ofMinutes(15);

	private static final Logger log = LoggerFactory.getLogger(RefusedDeliveries.class);

	private final Clock clock;

	private final Bucket warnings;

	private long unsigned;

	private long signed;

	private Instant since;

	RefusedDeliveries(Clock clock) {
		this.clock = clock;
		// greedy: the next warning a whole interval after the last, not at the next mark of a grid from the start
		this.warnings = Bucket.builder()
			.addLimit((limit) -> limit.capacity(1).refillGreedy(1, WARNING_INTERVAL))
			.withCustomTimePrecision(new ClockTimeMeter(clock))
			.build();
		this.since = clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	/**
	 * A delivery refused: {@code withSignature} when it had a signature, one not made with the webhook secret. Anyone
	 * can post one, so the warning counts both kinds and leaves it to GitHub's delivery log to say whose they were.
	 */
	synchronized void refused(boolean withSignature) {
		if (withSignature) {
			signed++;
		}
		else {
			unsigned++;
		}
		if (!warnings.tryConsume(1)) {
			return;
		}
		log.warn("GitHub webhook deliveries refused since {}: {} without an X-Hub-Signature-256 header, {} signed with "
				+ "another secret than console.providers.github.app.webhook-secret. Where the GitHub App's Recent "
				+ "Deliveries show them failed, its webhook secret must be that setting's value. The next such warning "
				+ "comes in {} minutes at the earliest.", since, unsigned, signed, WARNING_INTERVAL.toMinutes());
		unsigned = 0;
		signed = 0;
		since = clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

}
