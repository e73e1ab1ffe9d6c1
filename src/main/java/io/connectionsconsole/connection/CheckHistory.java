package io.connectionsconsole.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The health history of connections: what each check found, when, why and who asked. A repository read enters it
 * only when it found something else than the check before it (see {@link CheckHistoryRepository}).
 */
@Component
public class CheckHistory {

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
	 * answers how many. Only the scheduled pruning asks.
	 */
	@Transactional
	public int prune() {
		return history.deleteCheckedBefore(clock.instant().truncatedTo(ChronoUnit.MILLIS).minus(KEPT_FOR))
				+ history.deleteBeyondLatest(KEPT);
	}

}
