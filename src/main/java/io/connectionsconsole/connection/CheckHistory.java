package io.connectionsconsole.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The health history of connections: what each check found, when, why and who asked. A repository read enters it
 * only when it found something else than the check before it (see {@link CheckHistoryRepository}). Every hour the
 * history is pruned; running that on several console instances at once deletes nothing twice.
 */
@Component
public class CheckHistory {

	private static final Logger log = LoggerFactory.getLogger(CheckHistory.class);

	/** How many of a connection's latest checks its details page shows. */
	public static final int SHOWN = 20;

	/** The most checks kept per connection. */
	public static final int KEPT = 100;

	/** How long a check is kept. */
	private static final Duration KEPT_FOR = Duration.ofDays(90);

	private final CheckHistoryRepository history;

	private final Clock clock;

	CheckHistory(CheckHistoryRepository history, Clock clock) {
		this.history = history;
		this.clock = clock;
	}

	/** Adds the check, in the transaction that recorded it on the connection {@code checked} as it was before. */
	void add(Connection checked, CheckRecord check) {
		Connection.LastCheck before = checked.lastCheck();
		boolean sameAsBefore = before != null && check.outcome().name().equals(before.detail());
		if (!(check.trigger() == CheckTrigger.REPOSITORY_READ && sameAsBefore)) {
			history.insert(checked.id(), check);
		}
	}

	/** The connection's latest {@value #SHOWN} checks, newest first. */
	List<CheckRecord> latest(ConnectionId id) {
		return history.latest(id, SHOWN);
	}

	/**
	 * Forgets checks older than {@code KEPT_FOR} and those beyond the latest {@value #KEPT} of each connection;
	 * answers how many.
	 */
	@Transactional
	@Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
	public int prune() {
		int pruned = history.deleteCheckedBefore(clock.instant().truncatedTo(ChronoUnit.MILLIS).minus(KEPT_FOR))
				+ history.deleteBeyondLatest(KEPT);
		if (pruned > 0) {
			log.info("Health history: {} old checks deleted", pruned);
		}
		return pruned;
	}

}
