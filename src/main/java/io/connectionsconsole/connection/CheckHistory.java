package io.connectionsconsole.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The health history of connections: what each check found, when, why and who asked. Every hour the history is
 * pruned; running that on several console instances at once deletes nothing twice.
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

	private final JdbcClient jdbc;

	private final Clock clock;

	CheckHistory(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Adds the check, in the transaction that recorded it on the connection {@code checked} as it was before. A
	 * repository read that finds what was known adds no row: users browse repositories many times an hour, and rows
	 * saying "token accepted" again and again would push the transitions out of the {@value #SHOWN} shown (when the
	 * token broke, when it came back), which are what the history is read for.
	 */
	void add(Connection checked, CheckRecord check) {
		Connection.LastCheck before = checked.lastCheck();
		boolean sameAsBefore = before != null && check.outcome().name().equals(before.detail());
		if (check.trigger() == CheckTrigger.REPOSITORY_READ && sameAsBefore) {
			return;
		}
		jdbc.sql("""
				INSERT INTO connection_check (connection_id, checked_at, check_trigger, outcome, actor)
				VALUES (:id, :at, :trigger, :outcome, :actor)""")
			.param("id", checked.id().value())
			.param("at", ConnectionRepository.utc(check.at()))
			.param("trigger", check.trigger().name())
			.param("outcome", check.outcome().name())
			.param("actor", check.actor())
			.update();
	}

	/** The connection's latest {@value #SHOWN} checks, newest first. */
	List<CheckRecord> latest(ConnectionId id) {
		return jdbc.sql("""
				SELECT checked_at, check_trigger, outcome, actor FROM connection_check
				WHERE connection_id = :id ORDER BY checked_at DESC, id DESC LIMIT :limit""")
			.param("id", id.value())
			.param("limit", SHOWN)
			.query((rs, n) -> new CheckRecord(ConnectionRepository.instant(rs, "checked_at"),
					CheckTrigger.valueOf(rs.getString("check_trigger")), CheckOutcome.valueOf(rs.getString("outcome")),
					rs.getString("actor")))
			.list();
	}

	/** Every hour, on one console instance at a time. */
	@Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
	@SchedulerLock(name = "check-history-pruning", lockAtLeastFor = "PT55M", lockAtMostFor = "PT55M")
	void pruneHourly() {
		prune();
	}

	/**
	 * Forgets checks older than {@code KEPT_FOR} and those beyond the latest {@value #KEPT} of each connection (only
	 * connections with more than that many are ranked); answers how many.
	 */
	public int prune() {
		int old = jdbc.sql("DELETE FROM connection_check WHERE checked_at < :cutoff")
			.param("cutoff", ConnectionRepository.utc(clock.instant().truncatedTo(ChronoUnit.MILLIS).minus(KEPT_FOR)))
			.update();
		int beyond = jdbc.sql("""
				DELETE FROM connection_check WHERE id IN (
				  SELECT id FROM (
				    SELECT id, ROW_NUMBER() OVER (PARTITION BY connection_id ORDER BY checked_at DESC, id DESC) AS position
				    FROM connection_check
				    WHERE connection_id IN (
				      SELECT connection_id FROM connection_check GROUP BY connection_id HAVING COUNT(*) > :kept)
				  ) ranked
				  WHERE position > :kept)""")
			.param("kept", KEPT)
			.update();
		int pruned = old + beyond;
		if (pruned > 0) {
			log.info("Health history: {} old checks deleted", pruned);
		}
		return pruned;
	}

}
