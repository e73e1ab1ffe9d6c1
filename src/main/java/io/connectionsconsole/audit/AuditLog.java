package io.connectionsconsole.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.connectionsconsole.error.Printable;

/**
 * The account's audit trail. Events are written in the caller's transaction, so an action that rolls back
 * leaves no event behind. Accounts are named by their 12-digit id: every feature records here, so the trail
 * depends on none of them.
 */
@Service
public class AuditLog {

	/** The width of an event's actor: a user name, or the id of what acted. */
	public static final int MAX_ACTOR = 64;

	static final int MAX_RESOURCE = 256;

	static final int MAX_DETAIL = 1024;

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Records an event. What others chose (a tag key, a repository, a provider's name) is cut to its column's width
	 * rather than fail the change it records: 50 tag keys of 128 characters don't fit a detail of 1,024.
	 */
	public void record(String accountId, String actor, String action, String resource, String detail) {
		jdbc.sql("""
				INSERT INTO audit_event (account_id, occurred_at, actor, action, resource, detail)
				VALUES (:account, :at, :actor, :action, :resource, :detail)""")
			.param("account", accountId)
			.param("at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
			.param("actor", Printable.cut(actor, MAX_ACTOR))
			.param("action", action)
			.param("resource", Printable.cut(resource, MAX_RESOURCE))
			.param("detail", Printable.cut(detail, MAX_DETAIL))
			.update();
	}

	/** The account's latest events, newest first. */
	public List<AuditEvent> latest(String accountId, int limit) {
		return jdbc.sql("""
				SELECT id, occurred_at, actor, action, resource, detail FROM audit_event
				WHERE account_id = :account ORDER BY occurred_at DESC, id DESC LIMIT :limit""")
			.param("account", accountId)
			.param("limit", limit)
			.query((rs, n) -> new AuditEvent(rs.getLong("id"),
					rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
					rs.getString("action"), rs.getString("resource"), rs.getString("detail")))
			.list();
	}

}
