package io.connectionsconsole.connection;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.account.AccountRepository;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.error.NotFoundException;
import io.connectionsconsole.error.QuotaExceededException;
import io.connectionsconsole.region.Region;

/**
 * Every rule of a connection's life, for the console and the API alike. Each method is scoped to the
 * caller's account: another account's connections are "not found", whatever id or ARN is given.
 */
@Service
public class ConnectionService {

	private final ConnectionRepository connections;

	private final AccountRepository accounts;

	private final QuotaPolicy quotaPolicy;

	private final AuditLog audit;

	private final Clock clock;

	ConnectionService(ConnectionRepository connections, AccountRepository accounts, QuotaPolicy quotaPolicy,
			AuditLog audit, Clock clock) {
		this.connections = connections;
		this.accounts = accounts;
		this.quotaPolicy = quotaPolicy;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Creates a connection in {@code PENDING_HANDSHAKE}. Concurrent creates of one account queue on the
	 * account's row lock, so the name and quota checks hold across console instances sharing a database.
	 */
	@Transactional
	public Connection create(Caller caller, Region region, ConnectionName name, ProviderType providerType,
			Tags tags) {
		caller.requireWrite("create connections");
		AccountId account = caller.accountId();
		if (!accounts.lockAccount(account)) {
			throw new NotFoundException("Account " + account + " does not exist.");
		}
		if (connections.liveNameExists(account, region.code(), name)) {
			throw new DuplicateConnectionNameException(name, region.code());
		}
		int limit = quotaPolicy.limitFor(account);
		if (connections.countLive(account, region.code(), null) >= limit) {
			throw new QuotaExceededException(QuotaPolicy.QUOTA_NAME, limit, "connections in " + region.code());
		}
		Connection connection = new Connection(ConnectionId.random(), account, region.code(), name, providerType,
				ConnectionStatus.PENDING_HANDSHAKE, now(), null, null);
		try {
			connections.insert(connection);
		}
		catch (DuplicateKeyException ex) {
			throw new DuplicateConnectionNameException(name, region.code());
		}
		connections.putTags(connection.id(), tags);
		audit.record(account, caller.username(), "CreateConnection", connection.arn().value(),
				providerType.displayName());
		return connection;
	}

	@Transactional(readOnly = true)
	public List<Connection> list(Caller caller, Region region, ConnectionQuery query) {
		return connections.findLive(caller.accountId(), region.code(), query);
	}

	@Transactional(readOnly = true)
	public int count(Caller caller, Region region, String nameContains) {
		return connections.countLive(caller.accountId(), region.code(), nameContains);
	}

	@Transactional(readOnly = true)
	public QuotaUsage usage(Caller caller, Region region) {
		return new QuotaUsage(connections.countLive(caller.accountId(), region.code(), null),
				quotaPolicy.limitFor(caller.accountId()));
	}

	@Transactional(readOnly = true)
	public Connection get(Caller caller, ConnectionId id) {
		return connections.findLive(caller.accountId(), id).orElseThrow(() -> ConnectionNotFoundException.forId(id));
	}

	@Transactional(readOnly = true)
	public Connection get(Caller caller, ConnectionArn arn) {
		return liveByArn(caller.accountId(), arn);
	}

	@Transactional
	public Connection delete(Caller caller, ConnectionId id) {
		caller.requireWrite("delete connections");
		return delete(caller, get(caller, id));
	}

	/** Deletes the connection; the answer is the connection in status {@code DELETED}, as App Runner's. */
	@Transactional
	public Connection delete(Caller caller, ConnectionArn arn) {
		caller.requireWrite("delete connections");
		return delete(caller, liveByArn(caller.accountId(), arn));
	}

	private Connection delete(Caller caller, Connection connection) {
		if (!connections.markDeleted(caller.accountId(), connection.id(), now())) {
			throw ConnectionNotFoundException.forId(connection.id());
		}
		audit.record(caller.accountId(), caller.username(), "DeleteConnection", connection.arn().value(), null);
		return new Connection(connection.id(), connection.accountId(), connection.region(), connection.name(),
				connection.providerType(), ConnectionStatus.DELETED, connection.createdAt(),
				connection.providerAccount(), connection.lastCheck());
	}

	@Transactional(readOnly = true)
	public List<Tag> tags(Caller caller, ConnectionArn arn) {
		return connections.tags(liveByArn(caller.accountId(), arn).id());
	}

	@Transactional(readOnly = true)
	public List<Tag> tags(Caller caller, ConnectionId id) {
		return connections.tags(get(caller, id).id());
	}

	/** Adds the tags, replacing the values of keys already present; at most {@value Tags#MAX_TAGS} in all. */
	@Transactional
	public void tag(Caller caller, ConnectionArn arn, Tags tags) {
		caller.requireWrite("tag connections");
		Connection connection = liveByArn(caller.accountId(), arn);
		connections.lock(connection.id());
		Map<String, Tag> merged = new LinkedHashMap<>();
		connections.tags(connection.id()).forEach((t) -> merged.put(t.key(), t));
		tags.list().forEach((t) -> merged.put(t.key(), t));
		Tags.of(merged.values());
		connections.putTags(connection.id(), tags);
		audit.record(caller.accountId(), caller.username(), "TagResource", arn.value(), keys(tags.list()));
	}

	@Transactional
	public void untag(Caller caller, ConnectionArn arn, List<String> keys) {
		caller.requireWrite("untag connections");
		keys.forEach(Tag::validKey);
		Connection connection = liveByArn(caller.accountId(), arn);
		connections.lock(connection.id());
		connections.removeTags(connection.id(), keys);
		audit.record(caller.accountId(), caller.username(), "UntagResource", arn.value(), String.join(", ", keys));
	}

	private Connection liveByArn(AccountId account, ConnectionArn arn) {
		if (!arn.accountId().equals(account)) {
			throw ConnectionNotFoundException.forArn(arn);
		}
		return connections.findLive(account, arn.id())
			.filter((c) -> c.region().equals(arn.region()) && c.name().equals(arn.name()))
			.orElseThrow(() -> ConnectionNotFoundException.forArn(arn));
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static String keys(List<Tag> tags) {
		List<String> keys = new ArrayList<>();
		tags.forEach((t) -> keys.add(t.key()));
		return String.join(", ", keys);
	}

}
