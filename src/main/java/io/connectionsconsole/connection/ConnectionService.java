package io.connectionsconsole.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.account.AccountService;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.NotFoundException;
import io.connectionsconsole.error.QuotaExceededException;
import io.connectionsconsole.host.Host;
import io.connectionsconsole.host.HostService;
import io.connectionsconsole.host.HostStatus;
import io.connectionsconsole.host.HostType;
import io.connectionsconsole.region.Region;
import io.connectionsconsole.crypto.SecretCipher;

/**
 * Every rule of a connection's life, for the console and the API alike; which status each event leads to is
 * {@link ConnectionLifecycle}'s. Each method is scoped to the caller's account: another account's connections are
 * "not found", whatever id or ARN is given. Connections created and deleted are counted by provider once their transaction commits ({@code console.connections.creations},
 * {@code console.connections.deletions}), quota refusals as they happen ({@code console.quota.refusals}).
 */
@Service
public class ConnectionService {

	private static final Logger log = LoggerFactory.getLogger(ConnectionService.class);

	/** Who the audit trail and check history name for what a provider's webhook changed. */
	public static final String WEBHOOK_ACTOR = "github-webhook";

	private final ConnectionRepository connections;

	private final CheckHistory history;

	private final ListPreferencesService preferences;

	private final AccountService accounts;

	private final QuotaPolicy quotaPolicy;

	private final AuditLog audit;

	private final SecretCipher cipher;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ApplicationEventPublisher events;

	/** Found when a connection is deleted: the services that use connections use this one too. */
	private final ObjectProvider<ConnectionUses> uses;

	/** Found when a connection's details are shown: what a provider grants it apart from its user. */
	private final ObjectProvider<ConnectionGrants> grants;

	private final HostService hosts;

	ConnectionService(ConnectionRepository connections, CheckHistory history, ListPreferencesService preferences, AccountService accounts, QuotaPolicy quotaPolicy, AuditLog audit,
			SecretCipher cipher, Clock clock, MeterRegistry meters, ApplicationEventPublisher events,
			ObjectProvider<ConnectionUses> uses, ObjectProvider<ConnectionGrants> grants, HostService hosts) {
		this.hosts = hosts;
		this.uses = uses;
		this.grants = grants;
		this.connections = connections;
		this.history = history;
		this.preferences = preferences;
		this.accounts = accounts;
		this.quotaPolicy = quotaPolicy;
		this.audit = audit;
		this.cipher = cipher;
		this.clock = clock;
		this.meters = meters;
		this.events = events;
	}

	/**
	 * Creates a connection in {@code PENDING_HANDSHAKE}. Concurrent creates of one account queue on the
	 * account's row lock, so the name and quota checks hold across console instances sharing a database.
	 */
	@Transactional
	public Connection create(Caller caller, Region region, ConnectionName name, ProviderType providerType,
			Tags tags) {
		return create(caller, region, name, providerType, null, tags);
	}

	/**
	 * Creates a connection to the team's own server that {@code hostId} names: GitHub for a GitHub Enterprise Server,
	 * GitLab for a GitLab self-managed. The host must be one of the caller's account, in the same Region, and
	 * available.
	 */
	@Transactional
	public Connection createThroughHost(Caller caller, Region region, ConnectionName name, String hostId, Tags tags) {
		caller.requireWrite("create connections");
		// the account's lock first: a host's delete takes it too, so the host stays as read here until the insert
		accounts.lock(caller.accountId());
		Host host;
		try {
			host = hosts.get(caller, hostId);
		}
		catch (NotFoundException ex) {
			// deleted since the form was shown, most likely: a choice of the form that no longer holds
			throw new InvalidInputException("ProviderType", "The host chosen is not one of this account (any more): "
					+ "choose another provider or host.");
		}
		if (!host.region().equals(region.code()) || host.status() != HostStatus.AVAILABLE) {
			throw new InvalidInputException("ProviderType", "Host " + host.name().value() + " is not an available host of "
					+ region.code() + ": choose another provider, or retry the host on its page.");
		}
		ProviderType type = host.type() == HostType.GITHUB_ENTERPRISE_SERVER ? ProviderType.GITHUB : ProviderType.GITLAB;
		return create(caller, region, name, type, host.id(), tags);
	}

	private Connection create(Caller caller, Region region, ConnectionName name, ProviderType providerType,
			String hostId, Tags tags) {
		caller.requireWrite("create connections");
		AccountId account = caller.accountId();
		if (!accounts.lock(account)) {
			throw new NotFoundException("Account " + account + " does not exist.");
		}
		if (connections.liveNameExists(account, region.code(), name)) {
			throw new DuplicateConnectionNameException(name, region.code());
		}
		int limit = quotaPolicy.limitFor(account);
		if (connections.countLive(account, region.code(), null) >= limit) {
			meters.counter("console.quota.refusals", "provider", providerType.registrationId()).increment();
			throw QuotaExceededException.connections(AccountService.CONNECTION_QUOTA, limit, region.code());
		}
		Connection connection = new Connection(ConnectionId.random(), account, region.code(), name, providerType,
				ConnectionLifecycle.target(ConnectionEvent.CREATED), now(), null, null, null, null, hostId);
		try {
			connections.insert(connection);
		}
		catch (DuplicateKeyException ex) {
			throw new DuplicateConnectionNameException(name, region.code());
		}
		connections.putTags(connection.id(), tags);
		audit.record(account.value(), caller.username(), "CreateConnection", connection.arn().value(),
				providerType.displayName());
		countAfterCommit(meters.counter("console.connections.creations", "provider", providerType.registrationId()));
		return connection;
	}

	@Transactional(readOnly = true)
	public List<Connection> list(Caller caller, Region region, ConnectionQuery query) {
		return connections.findLive(caller.accountId(), region.code(), query);
	}

	/**
	 * Page {@code page} (from 1) of the region's connections whose name contains {@code filter} (all when blank), as
	 * many a page as the caller prefers, in one read, so that the counter, the quota line and the rows agree.
	 */
	@Transactional(readOnly = true)
	public ConnectionPage page(Caller caller, Region region, String filter, int page) {
		ListPreferences preferences = this.preferences.of(caller);
		int pageSize = preferences.pageSize();
		QuotaUsage usage = usage(caller, region);
		boolean filtered = filter != null && !filter.isBlank();
		int matches = filtered ? count(caller, region, filter) : usage.used();
		int pages = Math.max(1, (matches + pageSize - 1) / pageSize);
		int shown = Math.min(Math.max(page, 1), pages);
		List<Connection> rows = list(caller, region,
				ConnectionQuery.consolePage(filtered ? filter : null, (shown - 1) * pageSize, pageSize));
		return new ConnectionPage(usage, matches, shown, pages, rows, preferences);
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
		return connections.findLive(caller.accountId(), id)
			.orElseThrow(() -> connections.deletedName(caller.accountId(), id)
				.map(ConnectionNotFoundException::deleted)
				.orElseGet(() -> ConnectionNotFoundException.forId(id)));
	}

	@Transactional(readOnly = true)
	public Connection get(Caller caller, ConnectionArn arn) {
		if (!arn.accountId().equals(caller.accountId())) {
			throw ConnectionNotFoundException.forArn(arn);
		}
		return connections.findLive(caller.accountId(), arn.id())
			.filter((c) -> c.region().equals(arn.region()) && c.name().equals(arn.name()))
			.orElseThrow(() -> ConnectionNotFoundException.forArn(arn));
	}

	@Transactional
	public Connection delete(Caller caller, ConnectionId id) {
		caller.requireWrite("delete connections");
		return delete(caller, get(caller, id));
	}

	/**
	 * Deletes the connection with everything that uses it (its repository links), which the console offers once the
	 * user has typed the connection's name.
	 */
	@Transactional
	public Connection deleteWithUses(Caller caller, ConnectionId id) {
		caller.requireWrite("delete connections");
		Connection connection = get(caller, id);
		connections.lock(id);
		uses.orderedStream().forEach((use) -> use.release(caller, connection));
		return delete(caller, connection);
	}

	/**
	 * Records that a clone went through the connection just now, for its "Last used"; asked by whatever used it, for
	 * no user.
	 */
	@Transactional
	public void recordUse(ConnectionId id) {
		connections.recordUse(id, now());
	}

	/** What uses the caller's connection, each kind with its first {@value ConnectionDetails#USES_SHOWN}. */
	@Transactional(readOnly = true)
	public List<ConnectionUses.Uses> uses(Caller caller, ConnectionId id) {
		get(caller, id);
		return usesOf(id);
	}

	private List<ConnectionUses.Uses> usesOf(ConnectionId id) {
		return uses.orderedStream().map((use) -> use.of(id, ConnectionDetails.USES_SHOWN)).toList();
	}

	/** Deletes the connection; the answer is the connection in status {@code DELETED}, as App Runner's. */
	@Transactional
	public Connection delete(Caller caller, ConnectionArn arn) {
		caller.requireWrite("delete connections");
		return delete(caller, get(caller, arn));
	}

	/** With the connection's row locked, which what adds a use (a repository link) takes too, before uses are counted. */
	private Connection delete(Caller caller, Connection connection) {
		connections.lock(connection.id());
		for (ConnectionUses use : uses.orderedStream().toList()) {
			ConnectionUses.Uses found = use.of(connection.id(), ConnectionInUseException.NAMED);
			if (found.count() > 0) {
				throw new ConnectionInUseException(connection, found);
			}
		}
		if (!connections.markDeleted(caller.accountId(), connection.id(), now())) {
			throw ConnectionNotFoundException.forId(connection.id());
		}
		audit.record(caller.accountId().value(), caller.username(), "DeleteConnection", connection.arn().value(), null);
		events.publishEvent(new ConnectionDeleted(connection.id()));
		countAfterCommit(
				meters.counter("console.connections.deletions", "provider", connection.providerType().registrationId()));
		return new Connection(connection.id(), connection.accountId(), connection.region(), connection.name(),
				connection.providerType(), ConnectionLifecycle.target(ConnectionEvent.DELETED), connection.createdAt(),
				connection.providerAccount(), connection.lastCheck(), connection.lastUsedAt(), connection.installationId(),
				connection.hostId());
	}

	@Transactional(readOnly = true)
	public List<Tag> tags(Caller caller, ConnectionArn arn) {
		return connections.tags(get(caller, arn).id());
	}

	/** Adds the tags, replacing the values of keys already present; at most {@value Tags#MAX_TAGS} in all. */
	@Transactional
	public void tag(Caller caller, ConnectionArn arn, Tags tags) {
		caller.requireWrite("tag connections");
		Connection connection = lockedLive(caller, arn);
		tags.requireRoomBeside(connections.tags(connection.id()));
		connections.putTags(connection.id(), tags);
		audit.record(caller.accountId().value(), caller.username(), "TagResource", arn.value(),
				tags.list().stream().map(Tag::key).collect(Collectors.joining(", ")));
	}

	/**
	 * The caller's live connection, its row locked; read again once locked, so that one deleted by a request that held
	 * the lock first is not found.
	 */
	private Connection lockedLive(Caller caller, ConnectionArn arn) {
		connections.lock(get(caller, arn).id());
		return get(caller, arn);
	}

	@Transactional
	public void untag(Caller caller, ConnectionArn arn, List<String> keys) {
		caller.requireWrite("untag connections");
		keys.forEach(Tag::validKey);
		Connection connection = lockedLive(caller, arn);
		connections.removeTags(connection.id(), keys);
		audit.record(caller.accountId().value(), caller.username(), "UntagResource", arn.value(), String.join(", ", keys));
	}

	/**
	 * The connection the caller is about to send through its provider's handshake: refused to read-only
	 * callers, and for a connection whose status the kind of handshake doesn't accept.
	 */
	@Transactional(readOnly = true)
	public Connection handshakeTarget(Caller caller, ConnectionId id, HandshakeKind kind) {
		caller.requireWrite("complete connection handshakes");
		Connection connection = get(caller, id);
		if (!kind.accepts(connection.status())) {
			throw ConnectionStatusException.handshakeNotAccepted(connection, kind);
		}
		return connection;
	}

	/**
	 * Stores what the handshake gave (the provider account, the tokens encrypted) and makes the connection
	 * {@code AVAILABLE}; the ARN stays what it was. The row lock queues this behind a concurrent delete or handshake,
	 * after which the connection must still be live and still accept this kind of handshake. Until this commits, the
	 * connection keeps its old token.
	 */
	@Transactional
	public Connection completeHandshake(Caller caller, ConnectionId id, HandshakeKind kind,
			Connection.ProviderAccount providerAccount, ProviderTokens tokens, Long installation) {
		caller.requireWrite("complete connection handshakes");
		connections.lock(id);
		Connection connection = handshakeTarget(caller, id, kind);
		Connection.ProviderAccount previous = connection.providerAccount();
		String detail = previous == null || previous.login().equals(providerAccount.login()) ? providerAccount.login()
				: providerAccount.login() + " (was " + previous.login() + ")";
		// The handshake has just read the provider user with this token: that is a successful check.
		return completed(caller, connection, kind, providerAccount, encrypt(tokens), installation, kind.auditAction(),
				detail);
	}

	/** Stores what completed the handshake, with its check, its history entry and its audit event. */
	private Connection completed(Caller caller, Connection connection, HandshakeKind kind,
			Connection.ProviderAccount providerAccount, ConnectionRepository.StoredTokens tokens, Long installation,
			String auditAction, String detail) {
		Instant now = now();
		connections.storeHandshake(caller.accountId(), connection.id(), kind.event(), providerAccount, tokens,
				installation, now, CheckOutcome.OK.name());
		history.add(connection, new CheckRecord(now, CheckTrigger.HANDSHAKE, CheckOutcome.OK, caller.username()));
		audit.record(caller.accountId().value(), caller.username(), auditAction, connection.arn().value(), detail);
		return get(caller, connection.id());
	}


	/** The tokens of an {@code AVAILABLE} connection, for a check the caller asked for. */
	@Transactional(readOnly = true)
	public ConnectionCredentials credentialsForCheck(Caller caller, ConnectionId id) {
		caller.requireWrite("check connections");
		return availableCredentials(get(caller, id), ConnectionStatusException::notCheckable);
	}

	/**
	 * The tokens of an {@code AVAILABLE} connection, to read its repositories with. Reading is looking, so read-only
	 * callers may; what the read finds about the token is recorded like any check.
	 */
	@Transactional(readOnly = true)
	public ConnectionCredentials credentialsForRead(Caller caller, ConnectionId id) {
		return credentialsForUse(caller.accountId(), id);
	}

	/**
	 * The tokens of an {@code AVAILABLE} connection of {@code account}, for a clone through one of its repository
	 * links, which acts for no user: the link's token was checked instead.
	 */
	@Transactional(readOnly = true)
	public ConnectionCredentials credentialsForUse(AccountId account, ConnectionId id) {
		Connection connection = connections.findLive(account, id)
			.orElseThrow(() -> ConnectionNotFoundException.forId(id));
		return availableCredentials(connection, ConnectionStatusException::notReadable);
	}

	private ConnectionCredentials availableCredentials(Connection connection,
			Function<Connection, ConnectionStatusException> refusal) {
		return Optional.of(connection)
			.filter((c) -> c.status().acceptsCheck())
			.flatMap(this::credentials)
			.orElseThrow(() -> refusal.apply(connection));
	}

	/**
	 * The {@code AVAILABLE} connections of every account due for the periodic check, which runs once per
	 * {@code interval}: those not checked within half of it. A run checks its connections one after the other and
	 * the next starts an interval after it started, so a connection the last run reached late is due at the next all
	 * the same (with the whole interval it would wait for the one after). Only the periodic check, which acts for no
	 * user, asks this.
	 */
	@Transactional(readOnly = true)
	public List<Connection> dueForCheck(Duration interval) {
		return connections.checkableCheckedBefore(dueBefore(interval));
	}

	private Instant dueBefore(Duration interval) {
		return now().minus(interval.dividedBy(2));
	}

	/**
	 * Takes a due connection for this instance's periodic check: empty when it was checked meanwhile, by a
	 * user or another console instance, or is no longer available.
	 */
	@Transactional
	public Optional<ConnectionCredentials> claimForCheck(Connection due, Duration interval) {
		Instant now = now();
		if (!connections.claimCheck(due.accountId(), due.id(), dueBefore(interval), now)) {
			return Optional.empty();
		}
		return connections.findLive(due.accountId(), due.id()).flatMap(this::credentials);
	}

	/**
	 * Stores the tokens a refresh returned: with rotating refresh tokens the one just used is dead, so the new
	 * one must be kept. Answers the credentials to go on with: these, or the ones a new handshake or another
	 * console instance stored meanwhile.
	 */
	@Transactional
	public ConnectionCredentials storeRefreshedTokens(ConnectionCredentials used, ProviderTokens refreshed) {
		Connection connection = used.connection();
		ProviderTokens kept = (refreshed.refreshable() ? refreshed
				: new ProviderTokens(refreshed.accessToken(), used.tokens().refreshToken(), refreshed.expiresAt()))
			.through(used.tokens().redirectUri());
		connections.replaceTokens(connection.accountId(), connection.id(), used.stamp(), encrypt(kept));
		return current(used).orElseThrow(() -> ConnectionNotFoundException.forId(connection.id()));
	}

	/**
	 * The connection of {@code used} with its tokens as stored now (changed since {@code used} was read when their
	 * stamp differs), or empty once it is no longer live.
	 */
	@Transactional(readOnly = true)
	public Optional<ConnectionCredentials> current(ConnectionCredentials used) {
		Connection connection = used.connection();
		return connections.findLive(connection.accountId(), connection.id()).flatMap(this::credentials);
	}

	/**
	 * Records when a check ran, why and what it found, on the connection and in its health history. A rejected token
	 * makes an {@code AVAILABLE} connection {@code ERROR}; no other finding changes the status. Nothing is recorded
	 * when the tokens changed since the check read them. {@code actor} is who asked: a user name, or the periodic check.
	 * A repository read enters the health history only when it found something else than the check before it (see
	 * {@link CheckHistory}); it still counts as the connection's last check.
	 */
	@Transactional
	public void recordCheck(ConnectionCredentials checked, CheckOutcome outcome, CheckTrigger trigger, String actor) {
		Connection connection = checked.connection();
		AccountId account = connection.accountId();
		Instant now = now();
		ConnectionEvent installationLost = switch (outcome) {
			case INSTALLATION_SUSPENDED -> ConnectionEvent.INSTALLATION_SUSPENDED;
			case INSTALLATION_DELETED -> ConnectionEvent.INSTALLATION_DELETED;
			default -> null;
		};
		if (installationLost != null) {
			// GitHub said so where the app mints the installation's token, before any webhook did; of the installation
			// the check read through, which Update authorization may have replaced since.
			if (connection.installationId() != null && connections.moveIfReadingThrough(connection.id(),
					connection.installationId(), installationLost, now, outcome)) {
				audit.record(account.value(), actor, "ConnectionError", connection.arn().value(), outcome.name());
				loggedError(connection, outcome, trigger, actor);
				history.add(connection, new CheckRecord(now, trigger, outcome, actor));
			}
			return;
		}
		boolean rejected = outcome.rejectsToken()
				&& connections.recordCheck(account, connection.id(), checked.stamp(), now, false, outcome.name(), true);
		if (rejected) {
			audit.record(account.value(), actor, "ConnectionError", connection.arn().value(), outcome.name());
			loggedError(connection, outcome, trigger, actor);
		}
		if (rejected || connections.recordCheck(account, connection.id(), checked.stamp(), now, outcome.ok(),
				outcome.name(), false)) {
			history.add(connection, new CheckRecord(now, trigger, outcome, actor));
		}
	}

	/** A connection that stopped working is an operator's concern: a warning, where a check's outcome is news. */
	private static void loggedError(Connection connection, CheckOutcome outcome, CheckTrigger trigger, String actor) {
		log.warn("{} is now ERROR: {}, found by {} by {}", connection.arn(), outcome, switch (trigger) {
			case ON_DEMAND -> "a check";
			case PERIODIC -> "the periodic check";
			case REPOSITORY_READ -> "a repository read";
			case HANDSHAKE -> "a handshake";
			case WEBHOOK -> "a webhook";
		}, actor);
	}

	/**
	 * Completes a pending connection's handshake without one: it reads through the provider's grant (a GitHub App
	 * installation) that another available connection of the same account reads through, as {@code account} at the
	 * provider. Administrators only; refused, changing nothing, when no such connection of the account reads through it.
	 */
	@Transactional
	public Connection bindInstallation(Caller caller, ConnectionId id, long installation,
			Connection.ProviderAccount account) {
		caller.requireWrite("bind connections to an installation");
		connections.lock(id);
		Connection connection = handshakeTarget(caller, id, HandshakeKind.COMPLETE);
		boolean used = connections.servedByInstallation(installation)
			.stream()
			.anyMatch((other) -> other.accountId().equals(caller.accountId())
					&& other.status() == ConnectionStatus.AVAILABLE);
		if (!used) {
			throw new InvalidInputException("Installation",
					"No available connection of this account reads through installation " + installation + ".");
		}
		return completed(caller, connection, HandshakeKind.COMPLETE, account,
				new ConnectionRepository.StoredTokens(null, null, null, null), installation, "BindInstallation",
				account.login() + " (installation " + installation + ")");
	}


	/**
	 * What GitHub said of the app's installation ({@code INSTALLATION_*} events), for every live connection it serves
	 * whose status takes the event: the status it leads to, and the outcome recorded as the connection's last check, in
	 * its history and in the audit trail. Answers the connections that moved. An installation unsuspended restores
	 * only the connections its suspension put in error: one in error for another reason (its user revoked the app's
	 * authorization, say) stays so.
	 */
	@Transactional
	public List<Connection> installationChanged(long installation, ConnectionEvent event, CheckOutcome outcome) {
		List<Connection> served = connections.servedByInstallation(installation);
		if (event == ConnectionEvent.INSTALLATION_UNSUSPENDED) {
			served = served.stream()
				.filter((connection) -> connection.lastCheck() != null
						&& CheckOutcome.INSTALLATION_SUSPENDED.name().equals(connection.lastCheck().detail()))
				.toList();
		}
		return moveAll(served, event, outcome, installation);
	}

	/**
	 * The GitHub user {@code login} revoked the app's authorization: the GitHub App connections they authorized take
	 * {@link ConnectionEvent#TOKEN_REJECTED}, as in the OAuth App mode when a token is revoked.
	 */
	@Transactional
	public List<Connection> appAuthorizationRevoked(String login) {
		return moveAll(connections.authorizedThroughAppBy(login), ConnectionEvent.TOKEN_REJECTED,
				CheckOutcome.AUTHORIZATION_REVOKED, null);
	}

	/** Moves each candidate the event applies to; {@code installation}: only while it still reads through that one. */
	private List<Connection> moveAll(List<Connection> candidates, ConnectionEvent event, CheckOutcome outcome,
			Long installation) {
		Instant now = now();
		List<Connection> moved = new ArrayList<>();
		for (Connection connection : candidates) {
			if (installation == null ? connections.move(connection.id(), event, now, outcome)
					: connections.moveIfReadingThrough(connection.id(), installation, event, now, outcome)) {
				history.add(connection, new CheckRecord(now, CheckTrigger.WEBHOOK, outcome, WEBHOOK_ACTOR));
				audit.record(connection.accountId().value(), WEBHOOK_ACTOR,
						outcome.ok() ? "ConnectionRestored" : "ConnectionError", connection.arn().value(), outcome.name());
				if (!outcome.ok()) {
					loggedError(connection, outcome, CheckTrigger.WEBHOOK, WEBHOOK_ACTOR);
				}
				moved.add(connection);
			}
		}
		return moved;
	}

	/** The connection with its tags and its latest {@value CheckHistory#SHOWN} checks, read at one moment. */
	@Transactional(readOnly = true)
	public ConnectionDetails details(Caller caller, ConnectionId id) {
		Connection connection = get(caller, id);
		return new ConnectionDetails(connection, connections.tags(id), history.latest(id), usesOf(id),
				grants.orderedStream().flatMap((found) -> found.of(connection).stream()).findFirst().orElse(null),
				grants.orderedStream().flatMap((found) -> found.bindable(connection).stream()).toList(),
				connection.hostId() == null ? null : hosts.of(caller, connection.hostId()).orElse(null));
	}

	private Optional<ConnectionCredentials> credentials(Connection connection) {
		return connections.tokens(connection.accountId(), connection.id())
			.map((stored) -> new ConnectionCredentials(connection, stored.accessToken() == null ? null
					: new ProviderTokens(cipher.decrypt(stored.accessToken()), cipher.decrypt(stored.refreshToken()),
							stored.expiresAt(), stored.redirectUri()),
					stored.accessToken() == null ? "" : stored.accessToken()));
	}

	private ConnectionRepository.StoredTokens encrypt(ProviderTokens tokens) {
		return new ConnectionRepository.StoredTokens(cipher.encrypt(tokens.accessToken()),
				cipher.encrypt(tokens.refreshToken()), tokens.expiresAt(), tokens.redirectUri());
	}

	/** Counts a change once it is committed: a rolled back create or delete did not happen. */
	private static void countAfterCommit(Counter counter) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			counter.increment();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				counter.increment();
			}

		});
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
