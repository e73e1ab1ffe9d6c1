package io.connectionsconsole.provider;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

import io.connectionsconsole.account.Caller;

/**
 * How often one user may open the pages that call a provider (the Repositories section and its branches, Check
 * connection): {@link #PER_MINUTE} a minute, with Bucket4j (all of them back at the end of each minute), so that no user, read-only ones included, can spend a
 * connection's rate limit at the provider or the console's threads on provider calls. The buckets are in memory, per
 * console instance: behind a load balancer a user gets this many on each instance, which still bounds them.
 */
@Component
class ProviderPageBudget {

	static final int PER_MINUTE = 30;

	private final Cache<Long, Bucket> buckets = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(2))
		.maximumSize(100_000)
		.build();

	/** Takes one page from the caller's budget; {@link TooManyProviderPagesException} when it is spent. */
	void take(Caller caller) {
		ConsumptionProbe probe = buckets.get(caller.userId(), (user) -> Bucket.builder()
			.addLimit((limit) -> limit.capacity(PER_MINUTE).refillIntervally(PER_MINUTE, Duration.ofMinutes(1)))
			.build()).tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			throw new TooManyProviderPagesException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
		}
	}

}
