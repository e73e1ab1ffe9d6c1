package io.connectionsconsole.link;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.provider.RepoName;

/** Repository links and their tokens; a token is stored under the SHA-256 of its secret. */
@Repository
class RepositoryLinkRepository {

	private static final String LINK_COLUMNS = "l.id, l.connection_id, l.account_id, l.repository, l.created_by, "
			+ "l.created_at, l.last_used_at ";

	private static final String TOKEN_COLUMNS = "t.id, t.link_id, t.name, t.created_by, t.created_at, t.expires_at, "
			+ "t.revoked_at, t.last_used_at, t.last_used_from ";

	private static final int TOKEN_COLUMN_COUNT = 9;

	private final JdbcClient jdbc;

	RepositoryLinkRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(RepositoryLink link) {
		jdbc.sql("""
				INSERT INTO repository_link (id, connection_id, account_id, repository, created_by, created_at)
				VALUES (:id, :connection, :account, :repository, :createdBy, :createdAt)""")
			.param("id", link.id())
			.param("connection", link.connectionId().value())
			.param("account", link.accountId().value())
			.param("repository", link.repository().fullName())
			.param("createdBy", link.createdBy())
			.param("createdAt", utc(link.createdAt()))
			.update();
	}

	Optional<RepositoryLink> find(AccountId account, String id) {
		return jdbc.sql("SELECT " + LINK_COLUMNS + " FROM repository_link l WHERE l.account_id = :account AND l.id = :id")
			.param("account", account.value())
			.param("id", id)
			.query((rs, n) -> link(rs))
			.optional();
	}

	/** The connection's link of {@code repository}, whatever its case: providers name repositories so. */
	Optional<RepositoryLink> find(ConnectionId connection, RepoName repository) {
		return jdbc.sql("SELECT " + LINK_COLUMNS + """
				 FROM repository_link l WHERE l.connection_id = :connection AND LOWER(l.repository) = :repository
				 ORDER BY l.repository""")
			.param("connection", connection.value())
			.param("repository", repository.fullName().toLowerCase(Locale.ROOT))
			.query((rs, n) -> link(rs))
			.list()
			.stream()
			.findFirst(); // links made in two cases before this rule are two rows
	}

	/** The connection's first {@code limit} links, by repository. */
	List<RepositoryLink> ofConnection(ConnectionId connection, int limit) {
		return jdbc.sql("SELECT " + LINK_COLUMNS + """
				FROM repository_link l WHERE l.connection_id = :connection
				ORDER BY l.repository FETCH FIRST :limit ROWS ONLY""")
			.param("connection", connection.value())
			.param("limit", limit)
			.query((rs, n) -> link(rs))
			.list();
	}

	/** Deletes the link; its tokens go with it. */
	void delete(String linkId) {
		jdbc.sql("DELETE FROM repository_link WHERE id = :id").param("id", linkId).update();
	}

	/**
	 * Holds the connection's row until the transaction ends, so that its links are checked against the limit and for
	 * a repository linked twice one caller at a time, and a delete of the connection waits; answers its status, empty
	 * once it is deleted.
	 */
	Optional<ConnectionStatus> lockConnection(ConnectionId connection) {
		return jdbc.sql("SELECT status FROM connection WHERE id = :id AND live_name IS NOT NULL FOR UPDATE")
			.param("id", connection.value())
			.query(String.class)
			.optional()
			.map(ConnectionStatus::valueOf);
	}

	/** Holds the link's row until the transaction ends, so that its live tokens are counted one caller at a time. */
	/** Locks the link's row; false when it is gone (deleted since it was read). */
	boolean lock(String linkId) {
		return !jdbc.sql("SELECT id FROM repository_link WHERE id = :id FOR UPDATE")
			.param("id", linkId)
			.query(String.class)
			.list()
			.isEmpty();
	}

	int countOfConnection(ConnectionId connection) {
		return jdbc.sql("SELECT COUNT(*) FROM repository_link WHERE connection_id = :connection")
			.param("connection", connection.value())
			.query(Integer.class)
			.single();
	}

	void insert(LinkToken token, String secretHash) {
		jdbc.sql("""
				INSERT INTO link_token (id, link_id, name, token_hash, created_by, created_at, expires_at)
				VALUES (:id, :link, :name, :hash, :createdBy, :createdAt, :expiresAt)""")
			.param("id", token.id())
			.param("link", token.linkId())
			.param("name", token.name())
			.param("hash", secretHash)
			.param("createdBy", token.createdBy())
			.param("createdAt", utc(token.createdAt()))
			.param("expiresAt", utc(token.expiresAt()))
			.update();
	}

	/** The link's tokens, newest first. */
	List<LinkToken> tokens(String linkId) {
		return jdbc.sql("SELECT " + TOKEN_COLUMNS + " FROM link_token t WHERE t.link_id = :link ORDER BY t.created_at DESC, t.id")
			.param("link", linkId)
			.query((rs, n) -> token(rs))
			.list();
	}

	int countLiveTokens(String linkId, Instant now) {
		return jdbc.sql("""
				SELECT COUNT(*) FROM link_token
				WHERE link_id = :link AND revoked_at IS NULL AND expires_at > :now""")
			.param("link", linkId)
			.param("now", utc(now))
			.query(Integer.class)
			.single();
	}

	/** The token with that secret hash and its link. */
	Optional<TokenAndLink> findBySecretHash(String secretHash) {
		return jdbc.sql("SELECT " + TOKEN_COLUMNS + ", " + LINK_COLUMNS + """
				 FROM link_token t JOIN repository_link l ON l.id = t.link_id WHERE t.token_hash = :hash""")
			.param("hash", secretHash)
			.query((rs, n) -> new TokenAndLink(token(rs), link(rs, TOKEN_COLUMN_COUNT)))
			.optional();
	}

	/** Revokes a live token of the link; false when there is none by that id. */
	boolean revoke(String linkId, String tokenId, Instant now) {
		return jdbc.sql("""
				UPDATE link_token SET revoked_at = :now
				WHERE link_id = :link AND id = :id AND revoked_at IS NULL""")
			.param("now", utc(now))
			.param("link", linkId)
			.param("id", tokenId)
			.update() == 1;
	}

	/**
	 * Records a use of the token, and of its link, from {@code address}: the link's row first, then the token's, the
	 * order a delete takes them in.
	 */
	void used(TokenAndLink used, Instant now, String address) {
		jdbc.sql("UPDATE repository_link SET last_used_at = :now WHERE id = :id")
			.param("now", utc(now))
			.param("id", used.link().id())
			.update();
		jdbc.sql("UPDATE link_token SET last_used_at = :now, last_used_from = :address WHERE id = :id")
			.param("now", utc(now))
			.param("address", address)
			.param("id", used.token().id())
			.update();
	}

	private static RepositoryLink link(ResultSet rs) throws SQLException {
		return link(rs, 0);
	}

	/** The link in {@link #LINK_COLUMNS}, read by position from {@code at + 1}: a join names some columns twice. */
	private static RepositoryLink link(ResultSet rs, int at) throws SQLException {
		return new RepositoryLink(rs.getString(at + 1), ConnectionId.of(rs.getString(at + 2)),
				AccountId.of(rs.getString(at + 3)), RepoName.parse(rs.getString(at + 4)), rs.getString(at + 5),
				instant(rs, at + 6), instant(rs, at + 7));
	}

	/** The token in {@link #TOKEN_COLUMNS}, read by position. */
	private static LinkToken token(ResultSet rs) throws SQLException {
		return new LinkToken(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
				instant(rs, 6), instant(rs, 7), instant(rs, 8), rs.getString(9));
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return time == null ? null : time.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** A token as found by its secret, with its link. */
	record TokenAndLink(LinkToken token, RepositoryLink link) {
	}

}
