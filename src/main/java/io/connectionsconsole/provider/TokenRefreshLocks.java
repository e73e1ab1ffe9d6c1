package io.connectionsconsole.provider;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.springframework.stereotype.Component;

import io.connectionsconsole.connection.ConnectionId;

/**
 * One refresh of a connection's token at a time, across console instances: providers that rotate refresh tokens
 * (GitLab, Bitbucket, GitHub's expiring user tokens) take each one once, so that of two refreshes at once the second
 * is refused and its call fails. The lock is ShedLock's row of the {@code shedlock} table, as for scheduled jobs, named
 * after the connection; ShedLock does not wait for a lock, so a caller asks again every {@link #POLL} until it has it
 * or {@link #WAIT} has passed. No database connection is held while it waits, nor while the lock is held.
 */
@Component
class TokenRefreshLocks {

	/** Longer than a refresh can take (the provider's connect and read time-outs); a crashed holder's lock ends then. */
	static final Duration HOLD_AT_MOST = Duration.ofSeconds(30);

	/** How long a caller waits for another's refresh before it goes on without the lock. */
	static final Duration WAIT = Duration.ofSeconds(20);

	static final Duration POLL = Duration.ofMillis(50);

	private final LockProvider locks;

	private final Clock clock;

	TokenRefreshLocks(LockProvider locks, Clock clock) {
		this.locks = locks;
		this.clock = clock;
	}

	/**
	 * The connection's refresh lock, once no one else holds it; not {@link Held#taken() taken} when it was held by
	 * another for all of {@link #WAIT}.
	 */
	Held take(ConnectionId connection) throws InterruptedException {
		String name = "token-refresh-" + connection.value();
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (true) {
			Optional<SimpleLock> lock = locks.lock(new LockConfiguration(clock.instant(), name, HOLD_AT_MOST, Duration.ZERO));
			if (lock.isPresent() || System.nanoTime() - deadline > 0) {
				return new Held(lock);
			}
			Thread.sleep(POLL);
		}
	}

	/**
	 * A refresh lock as its caller holds it: extended while the work under it lasts, and let go once. A lock that
	 * lapsed may be another's by then (ShedLock lets go by name), so it is not let go.
	 */
	static final class Held {

		private final boolean taken;

		private Optional<SimpleLock> lock;

		Held(Optional<SimpleLock> lock) {
			this.taken = lock.isPresent();
			this.lock = lock;
		}

		/** Whether the lock was taken at all. */
		boolean taken() {
			return taken;
		}

		/**
		 * Holds the lock for {@link #HOLD_AT_MOST} from now; false when it had lapsed. A database that fails to
		 * extend it leaves it as it was.
		 */
		boolean extend() {
			try {
				lock = lock.flatMap((held) -> held.extend(HOLD_AT_MOST, Duration.ZERO));
			}
			catch (RuntimeException ex) {
				return lock.isPresent();
			}
			return lock.isPresent();
		}

		void release() {
			Optional<SimpleLock> held = lock;
			lock = Optional.empty();
			held.ifPresent(SimpleLock::unlock);
		}

	}

}
