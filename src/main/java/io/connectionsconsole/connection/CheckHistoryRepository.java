package io.connectionsconsole.connection;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The health history of connections, newest first when read: every check a user asked for, every periodic check, every
 * handshake, and the repository reads that found something else than the check before them. A read that finds what
 * was known adds no row: users browse repositories many times an hour, and rows saying "token accepted" again and
 * again would push the transitions out of the 20 shown (when the token broke, when it came back), which are what the
 * history is read for.
 */
@Repository
class CheckHistoryRepository {

	private final JdbcClient jdbc;

	CheckHistoryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(ConnectionId id, CheckRecord check) {
		jdbc.sql("""
				INSERT INTO connection_check (connection_id, checked_at, check_trigger, outcome, actor)
				VALUES (:id, :at, :trigger, :outcome, :actor)""")
			.param("id", id.value())
			.param("at", ConnectionRepository.utc(check.at()))
			.param("trigger", check.trigger().name())
			.param("outcome", check.outcome().name())
			.param("actor", check.actor())
			.update();
	}

	/** The connection's latest {@code limit} checks, newest first. */
	List<CheckRecord> latest(ConnectionId id, int limit) {
		return jdbc.sql("""
				SELECT checked_at, check_trigger, outcome, actor FROM connection_check
				WHERE connection_id = :id ORDER BY checked_at DESC, id DESC LIMIT :limit""")
			.param("id", id.value())
			.param("limit", limit)
			.query((rs, n) -> new CheckRecord(ConnectionRepository.instant(rs, "checked_at"),
					CheckTrigger.valueOf(rs.getString("check_trigger")), CheckOutcome.valueOf(rs.getString("outcome")),
					rs.getString("actor")))
			.list();
	}

	/** Deletes the checks made before {@code cutoff}; answers how many. */
	int deleteCheckedBefore(Instant cutoff) {
		return jdbc.sql("DELETE FROM connection_check WHERE checked_at < :cutoff")
			.param("cutoff", ConnectionRepository.utc(cutoff))
			.update();
	}

	/**
	 * Deletes every check of a connection beyond its latest {@code kept}; answers how many. Only connections with more
	 * than that many are ranked.
	 */
	int deleteBeyondLatest(int kept) {
		return jdbc.sql("""
				DELETE FROM connection_check WHERE id IN (
				  SELECT id FROM (
				    SELECT id, ROW_NUMBER() OVER (PARTITION BY connection_id ORDER BY checked_at DESC, id DESC) AS position
				    FROM connection_check
				    WHERE connection_id IN (
				      SELECT connection_id FROM connection_check GROUP BY connection_id HAVING COUNT(*) > :kept)
				  ) ranked
				  WHERE position > :kept)""")
			.param("kept", kept)
			.update();
	}

}
