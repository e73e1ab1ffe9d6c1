package io.connectionsconsole.handshake;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.crypto.Sha256;
import io.connectionsconsole.support.TestAccounts;
import io.connectionsconsole.support.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled pruning of handshake links, run against each database the console supports: links used or expired
 * more than {@code KEPT_WHEN_SPENT} ago go; unused, unexpired and recently spent ones stay.
 */
abstract class HandshakeLinkPruningContract {

	@Autowired
	HandshakeLinkService service;

	@Autowired
	HandshakeLinkRepository links;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	TestConnections testConnections;

	Caller admin;

	Connection connection;

	Instant now;

	@BeforeEach
	void pendingConnection() {
		admin = testAccounts.newAdmin();
		connection = testConnections.github(admin, "eu-west-1", "pruned-links");
		now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

	/** A link made {@code ago}, valid for the console's time to live; answers its hash. */
	private String linkMade(Duration ago) {
		String hash = Sha256.hex(UUID.randomUUID().toString());
		Instant createdAt = now.minus(ago);
		links.insert(hash, connection.id(), admin.accountId(), admin.userId(), createdAt,
				createdAt.plus(HandshakeLinkService.TIME_TO_LIVE));
		return hash;
	}

	/** A link made {@code ago} and used an hour after. */
	private String linkUsed(Duration ago) {
		String hash = linkMade(ago);
		assertThat(links.take(hash, admin.accountId(), admin.userId(), now.minus(ago).plus(Duration.ofHours(1))))
			.isTrue();
		return hash;
	}

	private boolean kept(String hash) {
		return links.find(hash).isPresent();
	}

	@Test
	void linksUsedOrExpiredMoreThanTheGracePeriodAgoAreDeleted() {
		Duration beyondGrace = HandshakeLinkService.KEPT_WHEN_SPENT.plus(HandshakeLinkService.TIME_TO_LIVE)
			.plusHours(2);
		String usedLongAgo = linkUsed(beyondGrace);
		String expiredLongAgo = linkMade(beyondGrace);

		assertThat(service.pruneSpent()).isGreaterThanOrEqualTo(2);

		assertThat(kept(usedLongAgo)).as("used long ago").isFalse();
		assertThat(kept(expiredLongAgo)).as("expired long ago").isFalse();
	}

	@Test
	void freshLinksAndLinksSpentWithinTheGracePeriodStay() {
		String fresh = linkMade(Duration.ofMinutes(5));
		String usedToday = linkUsed(Duration.ofHours(2));
		Duration withinGrace = HandshakeLinkService.KEPT_WHEN_SPENT.minusDays(1);
		String usedWithinGrace = linkUsed(withinGrace);
		String expiredWithinGrace = linkMade(withinGrace);

		service.pruneSpent();

		assertThat(kept(fresh)).as("fresh and unused").isTrue();
		assertThat(kept(usedToday)).as("used today").isTrue();
		assertThat(kept(usedWithinGrace)).as("used within the grace period").isTrue();
		assertThat(kept(expiredWithinGrace)).as("expired within the grace period").isTrue();
	}

}
