package io.connectionsconsole.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.account.AccountService;
import io.connectionsconsole.account.PasswordGuesses;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.config.ClockTimeMeter;
import io.connectionsconsole.crypto.Sha256;
import io.connectionsconsole.error.Printable;

/**
 * Limits password guesses with Bucket4j: each user name and each client address has a bucket of attempts, kept in the
 * database for every console instance. A sign-in takes its token atomically before its password is checked, so that no
 * burst of concurrent attempts gets more checks than the allowance; one that finds a bucket empty is refused, the right
 * password included. A successful sign-in empties the user name's bucket and gives its address's token back.
 * <p>
 * A sign-in from a browser with a valid device cookie for its user name is counted in that device's bucket alone:
 * someone guessing at the name elsewhere can't lock its owner out. Sign-ins, failed and refused ones, and the failure
 * that starts a user name's or a device's refusals, are in the account's audit trail.
 */
@Component
class SignInThrottle implements PasswordGuesses {

	private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

	static final BucketConfiguration PER_USER = attempts(5);

	static final BucketConfiguration PER_ADDRESS = attempts(20);

	/**
	 * Sign-ins refused by one bucket (a user name's, a device's, an address's) go into the audit trail once in 15
	 * minutes, the rest to the log: refused ones are counted nowhere, and anyone who knows a user name could otherwise
	 * write rows without end. Greedy: the next note 15 minutes after the last, not at the next mark of a grid.
	 */
	static final BucketConfiguration REFUSAL_NOTES = BucketConfiguration.builder()
		.addLimit((limit) -> limit.capacity(1).refillGreedy(1, Duration.ofMinutes(15)))
		.build();

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

	/** {@code allowed} attempts in 15 minutes, twice as many in an hour, three times as many in six hours. */
	private static BucketConfiguration attempts(int allowed) {
		return BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(allowed).refillIntervally(allowed, Duration.ofMinutes(15)))
			.addLimit((limit) -> limit.capacity(2L * allowed).refillIntervally(2L * allowed, Duration.ofHours(1)))
			.addLimit((limit) -> limit.capacity(3L * allowed).refillIntervally(3L * allowed, Duration.ofHours(6)))
			.build();
	}

	/** A sign-in let through to its password check, and the bucket it was counted in. */
	record Attempt(String username, String address, Optional<String> deviceKey, boolean tookTheLastToken) {
	}

	/** Whether a sign-in may have its password checked. */
	sealed interface Admission {

		/** Counted: check its password, then settle it with {@link #failed} or {@link #succeeded}. */
		record Admitted(Attempt attempt) implements Admission {
		}

		/** Refused for {@code retryAfter} more by the bucket {@code bucket}: its password is not looked at. */
		record Refused(Duration retryAfter, String bucket) implements Admission {
		}

	}

	/**
	 * Counts a sign-in before its password is checked: in the bucket of the device whose nonce it presents, or else in
	 * its user name's and its address's. A refused one counts in neither.
	 */
	Admission admit(String username, String address, Optional<String> deviceNonce) {
		if (deviceNonce.isPresent()) {
			String deviceKey = Sha256.hex("device\n" + deviceNonce.get());
			ConsumptionProbe device = take(deviceKey, PER_USER);
			return device.isConsumed() ? admitted(username, address, Optional.of(deviceKey), device)
					: refused(device, deviceKey);
		}
		ConsumptionProbe user = take(userKey(username), PER_USER);
		if (!user.isConsumed()) {
			return refused(user, userKey(username));
		}
		ConsumptionProbe fromAddress = take(addressKey(address), PER_ADDRESS);
		if (!fromAddress.isConsumed()) {
			buckets.getProxy(userKey(username), () -> PER_USER).addTokens(1);
			return refused(fromAddress, addressKey(address));
		}
		return admitted(username, address, Optional.empty(), user);
	}

	/** Settles a sign-in whose password was wrong; answers how long sign-ins like it are refused from now on, if so. */
	Optional<Duration> failed(Attempt attempt) {
		Optional<Duration> own = wait(attempt.deviceKey().orElseGet(() -> userKey(attempt.username())), PER_USER);
		Optional<Duration> refusal = attempt.deviceKey().isPresent() ? own
				: Stream.of(own, wait(addressKey(attempt.address()), PER_ADDRESS))
					.flatMap(Optional::stream)
					.max(Duration::compareTo);
		record(attempt.username(), "SignInFailed", "from " + bounded(attempt.address()) + refusal
			.map((wait) -> "; sign-ins refused for " + minutes(wait) + " min").orElse(""));
		if (attempt.tookTheLastToken()) {
			// a success settled meanwhile may have emptied the record already: then nothing is refused
			own.ifPresent((wait) -> record(attempt.username(), "SignInThrottleStarted", "from " + bounded(attempt.address())
					+ (attempt.deviceKey().isPresent() ? "; sign-ins from this device of the user refused for "
							+ minutes(wait) + " min"
							: "; sign-ins of this user name refused for " + minutes(wait)
									+ " min, except from browsers it signed in from before")));
		}
		return refusal;
	}

	/** Notes a sign-in refused without a look at its password: in the audit trail the first of its bucket in 15 min. */
	void refused(String username, String address, Admission.Refused refusal) {
		String detail = "from " + bounded(address) + "; refused for " + minutes(refusal.retryAfter()) + " more min";
		Optional<AccountId> account = accounts.accountOfUser(username);
		// a note's bucket for users' names alone, so that a name that is no user's stores nothing
		if (account.isPresent() && take(Sha256.hex("refusal-note\n" + refusal.bucket()), REFUSAL_NOTES).isConsumed()) {
			audit.record(account.get().value(), username, "SignInThrottled", username,
					detail + "; more refusals in the next 15 min are logged");
		}
		else if (account.isPresent()) {
			log.info("SignInThrottled {}, {}", Printable.excerpt(username, 64), detail);
		}
		else {
			// a name that is no user's may be a password typed in the wrong field: not written
			log.info("SignInThrottled for a user name that is no user's, {}", detail);
		}
	}

	/**
	 * Settles a sign-in whose password was right: its bucket starts over, its address's token is given back, and the
	 * sign-in is in the account's audit trail, as one through an identity provider is.
	 */
	void succeeded(Attempt attempt) {
		attempt.deviceKey().ifPresentOrElse(buckets::removeProxy, () -> {
			buckets.removeProxy(userKey(attempt.username()));
			buckets.getProxy(addressKey(attempt.address()), () -> PER_ADDRESS).addTokens(1);
		});
		record(attempt.username(), "SignIn", "from " + bounded(attempt.address())
				+ (attempt.deviceKey().isPresent() ? "; a browser it signed in from before" : ""));
	}

	@Override
	public Optional<Duration> guessCurrentPassword(String username) {
		ConsumptionProbe guess = take(currentPasswordKey(username), PER_USER);
		return guess.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(guess.getNanosToWaitForRefill()));
	}

	@Override
	public void currentPasswordAccepted(String username) {
		buckets.removeProxy(currentPasswordKey(username));
	}

	@Override
	public void clearSignInThrottle(String username) {
		buckets.removeProxy(userKey(username));
	}

	@Override
	public boolean firstAnonymousRefusal(String kind) {
		return take(Sha256.hex("anonymous-refusal-note\n" + kind), REFUSAL_NOTES).isConsumed();
	}

	private ConsumptionProbe take(String key, BucketConfiguration configuration) {
		return buckets.getProxy(key, () -> configuration).tryConsumeAndReturnRemaining(1);
	}

	private static Admission admitted(String username, String address, Optional<String> deviceKey,
			ConsumptionProbe probe) {
		return new Admission.Admitted(new Attempt(username, address, deviceKey, probe.getRemainingTokens() == 0));
	}

	private static Admission refused(ConsumptionProbe probe, String bucket) {
		return new Admission.Refused(Duration.ofNanos(probe.getNanosToWaitForRefill()), bucket);
	}

	/** Whole minutes, rounded up: "try again in 1 minute" when seconds are left. */
	static long minutes(Duration wait) {
		return Math.max(1, (wait.toSeconds() + 59) / 60);
	}

	@Scheduled(fixedDelay = 10, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
	@SchedulerLock(name = "sign-in-throttle-pruning", lockAtLeastFor = "PT9M", lockAtMostFor = "PT9M")
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

	/** One count for a user name in every case, as sign-in finds the user whatever the case typed. */
	private static String userKey(String username) {
		return Sha256.hex("user\n" + username.toLowerCase(Locale.ROOT));
	}

	private static String currentPasswordKey(String username) {
		return Sha256.hex("current-password\n" + username.toLowerCase(Locale.ROOT));
	}

	/**
	 * The address cut to {@link #MAX_ADDRESS_LENGTH} characters, with an ellipsis when it was longer, and its invisible
	 * characters escaped, as the audit trail quotes it.
	 */
	private static String bounded(String address) {
		return Printable.excerpt(address, MAX_ADDRESS_LENGTH);
	}

	private static String addressKey(String address) {
		return Sha256.hex("address\n" + bounded(address));
	}

}
