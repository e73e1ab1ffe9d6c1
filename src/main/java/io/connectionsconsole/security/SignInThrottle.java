package io.connectionsconsole.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.connectionsconsole.account.AccountService;
import io.connectionsconsole.audit.AuditLog;

/**
 * Limits failed sign-ins, with Bucket4j: each user name and each client address has a bucket of allowed failures, kept
 * in the database for every console instance. A user name allows 5 failures in 15 minutes, 10 in an hour and 15 in six
 * hours; an address four times as many. An empty bucket refuses every sign-in for that user name or from that address,
 * the right password included, until it refills: first for the rest of the 15 minutes, then, as failures go on and
 * the hourly and six-hourly allowances run out too, for the rest of the hour and of the six hours. A successful sign-in empties the user name's record.
 * Failed and refused sign-ins of the console's users are in their account's audit trail.
 */
@Component
class SignInThrottle {

	private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

	static final BucketConfiguration PER_USER = failures(5);

	static final BucketConfiguration PER_ADDRESS = failures(20);

	/**
	 * The most of a client address that is kept, in the audit trail and as a bucket's key: an IPv6 address with its
	 * zone fits, while a proxy may pass on whatever a client put in its {@code X-Forwarded-For}.
	 */
	static final int MAX_ADDRESS_LENGTH = 64;

	private final SignInThrottleStates buckets;

	private final AccountService accounts;

	private final AuditLog audit;

	private final Clock clock;

	SignInThrottle(JdbcClient jdbc, AccountService accounts, AuditLog audit, Clock clock) {
		this.buckets = new SignInThrottleStates(jdbc, ClientSideConfig.getDefault()
			.withClientClock(new ClockTimeMeter(clock))
			.withExpirationAfterWriteStrategy(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1))));
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
	}

	/** {@code allowed} failures in 15 minutes, twice as many in an hour, three times as many in six hours. */
	private static BucketConfiguration failures(int allowed) {
		return BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(allowed).refillIntervally(allowed, Duration.ofMinutes(15)))
			.addLimit((limit) -> limit.capacity(2L * allowed).refillIntervally(2L * allowed, Duration.ofHours(1)))
			.addLimit((limit) -> limit.capacity(3L * allowed).refillIntervally(3L * allowed, Duration.ofHours(6)))
			.build();
	}

	/** How much longer sign-ins for {@code username} or from {@code address} are refused; empty when they are not. */
	Optional<Duration> refusal(String username, String address) {
		return Stream.of(wait(userKey(username), PER_USER), wait(addressKey(address), PER_ADDRESS))
			.flatMap(Optional::stream)
			.max(Duration::compareTo);
	}

	/** Counts a failed sign-in; answers how long sign-ins are refused from now on, if they are. */
	Optional<Duration> failed(String username, String address) {
		buckets.getProxy(userKey(username), () -> PER_USER).tryConsume(1);
		buckets.getProxy(addressKey(address), () -> PER_ADDRESS).tryConsume(1);
		Optional<Duration> refusal = refusal(username, address);
		record(username, "SignInFailed", "from " + bounded(address) + refusal.map((wait) -> "; sign-ins refused for "
				+ minutes(wait) + " min").orElse(""));
		return refusal;
	}

	/** Notes a sign-in refused without a look at its password. */
	void refused(String username, String address, Duration wait) {
		record(username, "SignInThrottled", "from " + bounded(address) + "; refused for " + minutes(wait) + " more min");
	}

	void succeeded(String username) {
		buckets.removeProxy(userKey(username));
	}

	/** Whole minutes, rounded up: "try again in 1 minute" when seconds are left. */
	static long minutes(Duration wait) {
		return Math.max(1, (wait.toSeconds() + 59) / 60);
	}

	@Scheduled(fixedDelay = 10, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
	void forgetRefilled() {
		buckets.removeExpired(clock.instant());
	}

	private Optional<Duration> wait(String key, BucketConfiguration configuration) {
		if (buckets.getProxyConfiguration(key).isEmpty()) {
			return Optional.empty();
		}
		EstimationProbe probe = buckets.getProxy(key, () -> configuration).estimateAbilityToConsume(1);
		return probe.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	/** Into the user's account's audit trail; a user name that is no user's has no account, and goes to the log. */
	private void record(String username, String action, String detail) {
		accounts.accountOfUser(username).ifPresentOrElse(
				(account) -> audit.record(account.value(), username, action, username, detail),
				() -> log.info("{} for a user name that is no user's, {}", action, detail));
	}

	/** The address cut to {@link #MAX_ADDRESS_LENGTH} characters, with an ellipsis when it was longer. */
	private static String bounded(String address) {
		return address.length() <= MAX_ADDRESS_LENGTH ? address : address.substring(0, MAX_ADDRESS_LENGTH) + "…";
	}

	private static String userKey(String username) {
		return sha256("user\n" + username);
	}

	private static String addressKey(String address) {
		return sha256("address\n" + bounded(address));
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/** The console's clock as Bucket4j reads time, so that every instance, and a test, counts in the same time. */
	private record ClockTimeMeter(Clock clock) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

}
