package io.connectionsconsole.host;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.connectionsconsole.account.AccountId;

/** Hosts, each statement scoped to one account; the client secret is stored as it comes, sealed. */
@Repository
class HostRepository {

	private static final String COLUMNS = "id, account_id, region, name, provider_type, url, for_testing, client_id, "
			+ "ca_certificate, status, status_reason, created_at, checked_at";

	private final JdbcClient jdbc;

	HostRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Host host, String sealedSecret) {
		jdbc.sql("""
				INSERT INTO host (id, account_id, region, name, live_name, provider_type, url, for_testing, client_id,
				                  client_secret, ca_certificate, status, status_reason, created_at, checked_at)
				VALUES (:id, :account, :region, :name, :name, :type, :url, :forTesting, :clientId, :secret, :ca, :status,
				        :reason, :createdAt, :checkedAt)""")
			.param("id", host.id())
			.param("account", host.accountId().value())
			.param("region", host.region())
			.param("name", host.name().value())
			.param("type", host.type().name())
			.param("url", host.url().toString())
			.param("forTesting", host.forTesting())
			.param("clientId", host.clientId())
			.param("secret", sealedSecret)
			.param("ca", host.caCertificate())
			.param("status", host.status().name())
			.param("reason", host.statusReason())
			.param("createdAt", utc(host.createdAt()))
			.param("checkedAt", utc(host.checkedAt()))
			.update();
	}

	boolean liveNameExists(AccountId account, String region, HostName name) {
		return jdbc.sql("SELECT COUNT(*) FROM host WHERE account_id = :account AND region = :region AND live_name = :name")
			.param("account", account.value())
			.param("region", region)
			.param("name", name.value())
			.query(Long.class)
			.single() > 0;
	}

	List<Host> live(AccountId account, String region) {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM host WHERE account_id = :account AND region = :region AND live_name IS NOT NULL
				ORDER BY live_name""")
			.param("account", account.value())
			.param("region", region)
			.query(HostRepository::host)
			.list();
	}

	/** The account's host {@code id}, live or deleted. */
	Optional<Host> find(AccountId account, String id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM host WHERE account_id = :account AND id = :id")
			.param("account", account.value())
			.param("id", id)
			.query(HostRepository::host)
			.optional();
	}

	/** A live host of any account with its sealed client secret, for its connections' OAuth client. */
	Optional<Sealed> findLiveWithSecret(String id) {
		return jdbc.sql("SELECT " + COLUMNS + ", client_secret FROM host WHERE id = :id AND live_name IS NOT NULL")
			.param("id", id)
			.query((rs, row) -> new Sealed(host(rs, row), rs.getString("client_secret")))
			.optional();
	}

	record Sealed(Host host, String clientSecret) {
	}

	/** Records what a check of the host found; false when it is not live (any more). */
	boolean recordCheck(AccountId account, String id, HostStatus status, String reason, Instant at) {
		return jdbc.sql("""
				UPDATE host SET status = :status, status_reason = :reason, checked_at = :at
				WHERE account_id = :account AND id = :id AND live_name IS NOT NULL""")
			.param("status", status.name())
			.param("reason", reason)
			.param("at", utc(at))
			.param("account", account.value())
			.param("id", id)
			.update() == 1;
	}

	/** The names of the live connections made through the host, in name order. */
	List<String> liveConnectionNames(String hostId) {
		return jdbc.sql("SELECT live_name FROM connection WHERE host_id = :host AND live_name IS NOT NULL ORDER BY live_name")
			.param("host", hostId)
			.query(String.class)
			.list();
	}

	boolean markDeleted(AccountId account, String id, Instant now) {
		return jdbc.sql("""
				UPDATE host SET status = 'DELETED', live_name = NULL, deleted_at = :now, client_secret = ''
				WHERE account_id = :account AND id = :id AND live_name IS NOT NULL""")
			.param("now", utc(now))
			.param("account", account.value())
			.param("id", id)
			.update() == 1;
	}

	private static Host host(ResultSet rs, int row) throws SQLException {
		return new Host(rs.getString("id"), AccountId.of(rs.getString("account_id")), rs.getString("region"),
				HostName.of(rs.getString("name")), HostType.valueOf(rs.getString("provider_type")),
				URI.create(rs.getString("url")), rs.getBoolean("for_testing"), rs.getString("client_id"),
				rs.getString("ca_certificate"), HostStatus.valueOf(rs.getString("status")), rs.getString("status_reason"),
				instant(rs.getObject("created_at", OffsetDateTime.class)),
				instant(rs.getObject("checked_at", OffsetDateTime.class)));
	}

	private static Instant instant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

}
