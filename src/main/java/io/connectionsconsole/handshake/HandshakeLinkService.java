package io.connectionsconsole.handshake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionNotFoundException;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.ConnectionStatusException;
import io.connectionsconsole.connection.HandshakeKind;
import io.connectionsconsole.connection.ProviderTokens;
import io.connectionsconsole.crypto.RandomSecrets;
import io.connectionsconsole.crypto.SecretCipher;
import io.connectionsconsole.crypto.Sha256;
import io.connectionsconsole.handshake.HandshakeLinkRefusedException.Reason;

/**
 * Handshake links: an administrator shares one for a pending connection, and another administrator of the same
 * account (say the owner of the GitHub organization) completes the handshake with it, as themselves. A link is valid
 * for {@code TIME_TO_LIVE} and completes one handshake. The audit trail names who made it and who used it. Spent
 * links are kept for {@code KEPT_WHEN_SPENT}, then pruned.
 */
@Service
class HandshakeLinkService {

	static final Duration TIME_TO_LIVE = Duration.ofHours(24);

	/** How long a used or expired link is kept: opening it meanwhile says it was used, or expired, not unknown. */
	static final Duration KEPT_WHEN_SPENT = Duration.ofDays(7);

	private static final Logger log = LoggerFactory.getLogger(HandshakeLinkService.class);

	private static final StringKeyGenerator TOKENS = RandomSecrets.urlSafe();

	private final HandshakeLinkRepository links;

	private final ConnectionService connections;

	private final AuditLog audit;

	private final Clock clock;

	private final SecretCipher cipher;

	HandshakeLinkService(HandshakeLinkRepository links, ConnectionService connections, AuditLog audit, Clock clock,
			SecretCipher cipher) {
		this.links = links;
		this.connections = connections;
		this.audit = audit;
		this.clock = clock;
		this.cipher = cipher;
	}

	/** A new link for the caller's pending connection; its secret is in the answer only, sealed. */
	@Transactional
	NewHandshakeLink create(Caller caller, ConnectionId id) {
		caller.requireWrite("share handshake links");
		Connection connection = connections.get(caller, id);
		if (!connection.status().acceptsHandshakeLink()) {
			throw ConnectionStatusException.linkNotAccepted(connection);
		}
		String token = TOKENS.generateKey();
		Instant now = now();
		Instant expiresAt = now.plus(TIME_TO_LIVE);
		links.insert(Sha256.hex(token), connection.id(), caller.accountId(), caller.userId(), now, expiresAt);
		audit.record(caller.accountId().value(), caller.username(), "CreateHandshakeLink", connection.arn().value(),
				"Valid until " + expiresAt);
		return new NewHandshakeLink(cipher.encrypt(token), expiresAt, connection.name().value());
	}

	/** The secret of a link just made, to show to its maker once. */
	String secret(NewHandshakeLink link) {
		return cipher.decrypt(link.sealedToken());
	}

	/**
	 * What the link whose sealed secret the caller brings offers them, or why they can't use it: it must be a link of
	 * the caller's account, the caller an administrator, the link unused and unexpired, and its connection still
	 * pending its handshake. A secret the console did not seal is no link at all.
	 */
	@Transactional(readOnly = true)
	HandshakeInvitation open(Caller caller, String sealedToken) {
		String token;
		try {
			token = cipher.decrypt(sealedToken);
		}
		catch (RuntimeException ex) {
			// whatever the cipher makes of a value it did not seal (a short one overruns its IV), it is no link
			token = null;
		}
		HandshakeLinkRepository.StoredLink link = token == null ? null : links.find(Sha256.hex(token)).orElse(null);
		if (link == null) {
			throw new HandshakeLinkRefusedException(Reason.UNKNOWN, null);
		}
		if (!link.accountId().equals(caller.accountId())) {
			throw new HandshakeLinkRefusedException(Reason.OTHER_ACCOUNT, null);
		}
		Connection connection;
		try {
			connection = connections.get(caller, link.connectionId());
		}
		catch (ConnectionNotFoundException ex) {
			throw new HandshakeLinkRefusedException(Reason.NOT_PENDING, null);
		}
		String name = connection.name().value();
		if (!caller.role().canWrite()) {
			throw new HandshakeLinkRefusedException(Reason.READ_ONLY, name);
		}
		if (link.usedAt() != null) {
			throw new HandshakeLinkRefusedException(Reason.USED, name);
		}
		if (!link.expiresAt().isAfter(now())) {
			throw new HandshakeLinkRefusedException(Reason.EXPIRED, name);
		}
		if (!connection.status().acceptsHandshakeLink()) {
			throw new HandshakeLinkRefusedException(Reason.NOT_PENDING, name);
		}
		return new HandshakeInvitation(link.tokenHash(), connection, link.createdBy(), link.expiresAt());
	}

	/**
	 * Completes the handshake started from the link, and uses the link up, together: if either can't be done, neither
	 * is. Refused when the link was used, or expired, since the handshake started.
	 */
	@Transactional
	Connection complete(Caller caller, String linkHash, ConnectionId id, Connection.ProviderAccount account,
			ProviderTokens tokens, Long installation) {
		if (!links.take(linkHash, caller.accountId(), caller.userId(), now())) {
			HandshakeLinkRepository.StoredLink link = links.find(linkHash).orElse(null);
			throw new HandshakeLinkRefusedException(
					link != null && link.usedAt() != null ? Reason.USED : Reason.EXPIRED, null);
		}
		Connection completed = connections.completeHandshake(caller, id, HandshakeKind.COMPLETE, account, tokens,
				installation);
		String createdBy = links.find(linkHash).map(HandshakeLinkRepository.StoredLink::createdBy).orElse("");
		audit.record(caller.accountId().value(), caller.username(), "UseHandshakeLink", completed.arn().value(),
				"Link made by " + createdBy);
		return completed;
	}

	/** Every hour, on one console instance at a time: the pruning of spent links. */
	@Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
	@SchedulerLock(name = "handshake-link-pruning", lockAtLeastFor = "PT55M", lockAtMostFor = "PT55M")
	void pruneSpentLinks() {
		int pruned = pruneSpent();
		if (pruned > 0) {
			log.info("Handshake links: {} used or expired links deleted", pruned);
		}
	}

	/** Deletes the links used, or expired, more than {@code KEPT_WHEN_SPENT} ago; answers how many. */
	int pruneSpent() {
		return links.deleteSpentBefore(now().minus(KEPT_WHEN_SPENT));
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
