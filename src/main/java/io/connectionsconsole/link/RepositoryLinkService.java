package io.connectionsconsole.link;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ConnectionUses;
import io.connectionsconsole.crypto.RandomSecrets;
import io.connectionsconsole.crypto.Sha256;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.NotFoundException;
import io.connectionsconsole.error.Printable;
import io.connectionsconsole.error.QuotaExceededException;
import io.connectionsconsole.link.RepositoryLinkRepository.TokenAndLink;
import io.connectionsconsole.provider.ConnectionChecks;
import io.connectionsconsole.provider.RepoName;

/**
 * Repository links of a connection and their access tokens: administrators make and revoke them, anyone of the
 * account sees them, and {@link #authenticate} finds the link a clone's token opens. A link is made only for a
 * repository the connection reads at its provider. A token's secret is shown once, at creation, and stored as its
 * SHA-256. The audit trail records every link and token made or revoked.
 */
@Service
public class RepositoryLinkService implements ConnectionUses {

	/** Links of one connection, at most. */
	public static final int MAX_LINKS = 50;

	/** Live (neither revoked nor expired) tokens of one link, at most. */
	public static final int MAX_LIVE_TOKENS = 10;

	public static final int MIN_DAYS = 1;

	public static final int MAX_DAYS = 365;

	/** What every token's secret starts with, so that secret scanners and people can tell one. */
	static final String SECRET_PREFIX = "ccgit_";

	private static final StringKeyGenerator SECRETS = RandomSecrets.urlSafe();

	/**
	 * A token's refused clones go in the audit trail once per reason in this time, on each instance: a CI job retrying
	 * a revoked token would otherwise push every other event off the trail. Each one is still counted in the metrics.
	 */
	static final Duration REFUSAL_NOTED_FOR = Duration.ofMinutes(15);

	/** The most of a client's address kept as where a token was last used from. */
	static final int MAX_ADDRESS_LENGTH = 64;

	private final Cache<String, Boolean> notedRefusals = Caffeine.newBuilder()
		.expireAfterWrite(REFUSAL_NOTED_FOR)
		.maximumSize(10_000)
		.build();

	private final RepositoryLinkRepository links;

	private final ConnectionService connections;

	private final ConnectionChecks checks;

	private final AuditLog audit;

	private final Clock clock;

	private final TransactionTemplate transaction;

	RepositoryLinkService(RepositoryLinkRepository links, ConnectionService connections, ConnectionChecks checks,
			AuditLog audit, Clock clock, TransactionTemplate transaction) {
		this.transaction = transaction;
		this.links = links;
		this.connections = connections;
		this.checks = checks;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Links {@code repository} of the caller's {@code AVAILABLE} connection, once the provider has said the connection
	 * reads it (no transaction is open while the provider is asked).
	 */
	public RepositoryLink create(Caller caller, ConnectionId id, RepoName repository) {
		caller.requireWrite("link repositories");
		Connection connection = connections.get(caller, id);
		if (connection.status() != ConnectionStatus.AVAILABLE) {
			throw new InvalidInputException("ConnectionArn", "Connection " + connection.name().value() + " is "
					+ connection.status().inWords() + ": only an available connection links repositories.");
		}
		requireRoom(connection, repository);
		checks.requireRepository(caller, id, repository);
		return transaction.execute((status) -> store(caller, connection, repository));
	}

	/**
	 * Stores the link, in the caller's transaction, with the connection's row locked: a connection deleted or moved
	 * out of {@code AVAILABLE} while the provider was asked links nothing.
	 */
	RepositoryLink store(Caller caller, Connection connection, RepoName repository) {
		ConnectionStatus now = links.lockConnection(connection.id()).orElse(ConnectionStatus.DELETED);
		if (now != ConnectionStatus.AVAILABLE) {
			throw new InvalidInputException("ConnectionArn", "Connection " + connection.name().value() + " is "
					+ now.inWords() + " now: only an available connection links repositories. Nothing was linked.");
		}
		requireRoom(connection, repository);
		RepositoryLink link = new RepositoryLink(newId(), connection.id(), caller.accountId(), repository,
				caller.username(), clock.instant(), null);
		links.insert(link);
		audit.record(caller.accountId().value(), caller.username(), "CreateRepositoryLink", link.arn(connection),
				repository.fullName());
		return link;
	}

	/** The days of a token's expiry as typed: a whole number, or an {@link InvalidInputException} at {@code Expiry}. */
	static int days(String typed) {
		String days = typed == null ? "" : typed.strip();
		if (!days.matches("-?\\d{1,9}")) {
			throw new InvalidInputException("Expiry", "A token expires after " + MIN_DAYS + " to " + MAX_DAYS
					+ " days: enter a whole number of days" + (days.isEmpty() ? "." : ", not '" + Printable.excerpt(days, 20)
							+ "'."));
		}
		return Integer.parseInt(days);
	}

	/**
	 * Refuses a repository the connection links already, and a link past the connection's limit: before the provider
	 * is asked, and again under the connection's lock.
	 */
	private void requireRoom(Connection connection, RepoName repository) {
		if (links.find(connection.id(), repository).isPresent()) {
			throw new InvalidInputException("Repository", "Connection " + connection.name().value()
					+ " already links repository " + repository.fullName() + ".");
		}
		if (links.countOfConnection(connection.id()) >= MAX_LINKS) {
			throw new QuotaExceededException("Repository links per connection", MAX_LINKS, "links for one connection",
					"Delete one to link another repository.");
		}
	}

	/**
	 * A connection's links, which its details page lists and which keep it from being deleted: a CI runner would lose
	 * its clones.
	 */
	@Override
	public Uses of(ConnectionId id, int limit) {
		List<Use> first = links.ofConnection(id, limit)
			.stream()
			.map((link) -> new Use(link.repository().fullName(), LinkController.URL.replace("{id}", link.id()),
					link.lastUsedAt()))
			.toList();
		return new Uses("repository link", "repository links", first.size() < limit ? first.size() : links.countOfConnection(id), first);
	}

	/** Deletes the connection's links and, with them, their tokens. */
	@Override
	public void release(Caller caller, Connection connection) {
		caller.requireWrite("delete repository links");
		for (RepositoryLink link : links.ofConnection(connection.id(), MAX_LINKS)) {
			delete(caller, link, connection);
		}
	}

	/** Deletes the caller's link and its tokens: clones with them are refused from then on. */
	@Transactional
	public RepositoryLink delete(Caller caller, String linkId) {
		caller.requireWrite("delete repository links");
		LinkDetails details = details(caller, linkId);
		delete(caller, details.link(), details.connection());
		return details.link();
	}

	private void delete(Caller caller, RepositoryLink link, Connection connection) {
		links.delete(link.id());
		audit.record(caller.accountId().value(), caller.username(), "DeleteRepositoryLink", link.arn(connection),
				link.repository().fullName());
	}

	/** The caller's link, with its connection; not found when either is gone. */
	@Transactional(readOnly = true)
	public LinkDetails details(Caller caller, String linkId) {
		RepositoryLink link = links.find(caller.accountId(), linkId).orElseThrow(() -> notFound(linkId));
		Connection connection = connections.get(caller, link.connectionId());
		return new LinkDetails(link, connection, links.tokens(link.id()));
	}

	/** A new token of the link, valid for {@code days}; its secret is in the answer only. */
	@Transactional
	public NewLinkToken createToken(Caller caller, String linkId, String name, int days) {
		caller.requireWrite("create link tokens");
		LinkDetails details = details(caller, linkId);
		String trimmed = name == null ? "" : name.strip();
		if (!trimmed.matches("[A-Za-z0-9._-]{1,64}")) {
			throw new InvalidInputException("Name",
					"A token's name is 1 to 64 letters, digits, '.', '-' and '_', such as ci-runner.");
		}
		if (days < MIN_DAYS || days > MAX_DAYS) {
			throw new InvalidInputException("Expiry",
					"A token expires after " + MIN_DAYS + " to " + MAX_DAYS + " days, not " + days + ".");
		}
		if (!links.lock(linkId)) {
			// deleted since it was read, by another request
			throw notFound(linkId);
		}
		Instant now = clock.instant();
		if (links.countLiveTokens(linkId, now) >= MAX_LIVE_TOKENS) {
			throw new QuotaExceededException("Live tokens per repository link", MAX_LIVE_TOKENS, "tokens for one link",
					"Revoke one to create another.");
		}
		// a name tells the link's live tokens apart (and a form sent twice makes one token, not two)
		if (links.tokens(linkId).stream().anyMatch((other) -> other.name().equals(trimmed) && other.live(now))) {
			throw new InvalidInputException("Name", "This link has a live token named " + trimmed
					+ " already: choose another name, or revoke that token first.");
		}
		String secret = SECRET_PREFIX + SECRETS.generateKey();
		LinkToken token = new LinkToken(newId(), linkId, trimmed, caller.username(), now,
				now.plus(Duration.ofDays(days)), null, null, null);
		links.insert(token, Sha256.hex(secret));
		audit.record(caller.accountId().value(), caller.username(), "CreateLinkToken", details.arn(), trimmed);
		return new NewLinkToken(token, secret);
	}

	/** Revokes a token of the link; one revoked already stays as it was. */
	@Transactional
	public Revocation revokeToken(Caller caller, String linkId, String tokenId) {
		caller.requireWrite("revoke link tokens");
		LinkDetails details = details(caller, linkId);
		LinkToken token = details.token(tokenId);
		if (!links.revoke(linkId, tokenId, clock.instant())) {
			return new Revocation(token, false);
		}
		audit.record(caller.accountId().value(), caller.username(), "RevokeLinkToken", details.arn(), token.name());
		return new Revocation(token, true);
	}

	/**
	 * The link and token that {@code secret} opens for a clone of {@code repository} of connection {@code id} in
	 * {@code account}, or the refusal that says why not; a refusal of a known token goes to the audit trail.
	 */
	@Transactional
	Authenticated authenticate(String secret, String account, ConnectionId id, RepoName repository) {
		if (secret == null || secret.isEmpty()) {
			return new Authenticated(Refusal.NO_TOKEN, null);
		}
		if (!secret.startsWith(SECRET_PREFIX)) {
			// a password of another kind (the provider's own token, say): no link's, and not worth a look-up
			return new Authenticated(Refusal.UNKNOWN_TOKEN, null);
		}
		TokenAndLink found = links.findBySecretHash(Sha256.hex(secret)).orElse(null);
		if (found == null) {
			return new Authenticated(Refusal.UNKNOWN_TOKEN, null);
		}
		Instant now = clock.instant();
		Refusal refusal = found.token().revokedAt() != null ? Refusal.REVOKED
				: !now.isBefore(found.token().expiresAt()) ? Refusal.EXPIRED
				: !found.link().accountId().value().equals(account) || !found.link().connectionId().equals(id)
						|| !found.link().repository().fullName().equalsIgnoreCase(repository.fullName())
						? Refusal.OTHER_LINK : null;
		if (refusal != null && notedRefusals.asMap().putIfAbsent(found.token().id() + "\n" + refusal, true) == null) {
			audit.record(found.link().accountId().value(), actor(found.token()), "CloneRefused",
					"repositorylink/" + found.link().id(), refusal.name());
		}
		return new Authenticated(refusal, found);
	}

	/**
	 * Records a clone the token opened, once the connection has been found usable: on its connection, its link and
	 * the token (with the {@code address} it came from), in the order a delete of the connection with its links takes
	 * their rows, so that the two can't wait for each other.
	 */
	@Transactional
	void used(TokenAndLink opened, String address) {
		connections.recordUse(opened.link().connectionId());
		// the client's address as a proxy on the way said it (X-Forwarded-For), within its column
		links.used(opened, clock.instant(), Printable.within(address, MAX_ADDRESS_LENGTH));
	}

	/** How a token appears in the audit trail and the health history: within their actor's width. */
	static String actor(LinkToken token) {
		return Printable.within("token " + token.name(), AuditLog.MAX_ACTOR);
	}

	private static String newId() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	private static NotFoundException notFound(String linkId) {
		return new NotFoundException("Repository link '" + Printable.excerpt(linkId, 64) + "' was not found.");
	}

	/** Why a clone's token opens nothing. */
	public enum Refusal {
		NO_TOKEN, UNKNOWN_TOKEN, REVOKED, EXPIRED, OTHER_LINK
	}

	/** What {@link #authenticate} found: {@code refusal} null when the token opens the repository. */
	record Authenticated(Refusal refusal, TokenAndLink found) {
	}

	/** What {@link #revokeToken} did: {@code revoked} false when the token had been revoked already. */
	public record Revocation(LinkToken token, boolean revoked) {
	}

	/** A link with its connection and its tokens, newest first. */
	public record LinkDetails(RepositoryLink link, Connection connection, List<LinkToken> tokens) {

		public String arn() {
			return link.arn(connection);
		}

		public String clonePath() {
			return link.clonePath(connection);
		}

		/** The link's token {@code id}; another link's, or none, is not found. */
		public LinkToken token(String id) {
			return tokens.stream()
				.filter((token) -> token.id().equals(id))
				.findFirst()
				.orElseThrow(() -> new NotFoundException("Token '" + Printable.excerpt(id, 64) + "' was not found."));
		}

	}

}
