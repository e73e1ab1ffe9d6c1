package io.connectionsconsole.link;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionInUseException;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.crypto.Sha256;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.QuotaExceededException;
import io.connectionsconsole.provider.RepoName;
import io.connectionsconsole.support.QueuedBehind;
import io.connectionsconsole.support.TestAccounts;
import io.connectionsconsole.support.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Repository links and their tokens as stored, on each database the console supports: a token is found by the hash of
 * its secret with its link, live tokens are counted by expiry and revocation, a use is recorded on both, and a
 * connection with links is refused deletion with their names.
 */
abstract class RepositoryLinkContract {

	@Autowired
	RepositoryLinkRepository links;

	@Autowired
	RepositoryLinkService service;

	@Autowired
	ConnectionService connections;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	TestConnections testConnections;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	Caller admin;

	Connection connection;

	Instant now;

	@BeforeEach
	void connection() {
		admin = testAccounts.newAdmin();
		connection = testConnections.github(admin, "eu-west-1", "linked");
		now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

	private RepositoryLink link(String repository) {
		RepositoryLink link = new RepositoryLink(id(), connection.id(), admin.accountId(), RepoName.parse(repository),
				admin.username(), now, null);
		links.insert(link);
		return link;
	}

	private LinkToken token(RepositoryLink link, String secret, Duration lifetime) {
		LinkToken token = new LinkToken(id(), link.id(), "ci", admin.username(), now, now.plus(lifetime), null, null, null);
		links.insert(token, Sha256.hex(secret));
		return token;
	}

	private static String id() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	@Test
	void aTokenIsFoundByItsSecretsHashWithItsLinkAndItsUseIsRecordedOnBoth() {
		RepositoryLink link = link("octo/web");
		LinkToken token = token(link, "ccgit_first", Duration.ofDays(1));

		RepositoryLinkRepository.TokenAndLink found = links.findBySecretHash(Sha256.hex("ccgit_first")).orElseThrow();
		assertThat(found.token()).isEqualTo(token);
		assertThat(found.link()).isEqualTo(link);
		assertThat(links.findBySecretHash(Sha256.hex("ccgit_other"))).isEmpty();

		links.used(found, now.plusSeconds(5), "203.0.113.7");
		LinkToken used = links.tokens(link.id()).getFirst();
		assertThat(used.lastUsedAt()).isEqualTo(now.plusSeconds(5));
		assertThat(used.lastUsedFrom()).isEqualTo("203.0.113.7");
		assertThat(links.find(admin.accountId(), link.id()).orElseThrow().lastUsedAt()).isEqualTo(now.plusSeconds(5));
	}

	/** The client's address as proxies on the way wrote it (X-Forwarded-For) may be longer than its column. */
	@Test
	void aUseFromAnAddressLongerThanItsColumnIsRecordedWithTheAddressCut() {
		RepositoryLink link = link("octo/proxied");
		token(link, "ccgit_proxied", Duration.ofDays(1));
		RepositoryLinkRepository.TokenAndLink found = links.findBySecretHash(Sha256.hex("ccgit_proxied")).orElseThrow();

		service.used(found, "203.0.113.7, " + "198.51.100.1, ".repeat(10) + "192.0.2.1");

		assertThat(links.tokens(link.id()).getFirst().lastUsedFrom())
			.hasSize(RepositoryLinkService.MAX_ADDRESS_LENGTH)
			.startsWith("203.0.113.7, 198.51.100.1, ")
			.endsWith("…");
	}

	@Test
	void liveTokensAreThoseNeitherRevokedNorExpired() {
		RepositoryLink link = link("octo/web");
		LinkToken revoked = token(link, "ccgit_a", Duration.ofDays(1));
		token(link, "ccgit_b", Duration.ofDays(1));
		token(link, "ccgit_c", Duration.ofMinutes(1));

		assertThat(links.revoke(link.id(), revoked.id(), now)).isTrue();
		assertThat(links.revoke(link.id(), revoked.id(), now)).isFalse();

		assertThat(links.countLiveTokens(link.id(), now)).isEqualTo(2);
		assertThat(links.countLiveTokens(link.id(), now.plus(Duration.ofMinutes(2)))).isEqualTo(1);
	}

	@Test
	void tokensCreatedAtOnceStopAtTheLimitOfLiveTokens() throws Exception {
		RepositoryLink link = link("octo/web");
		int callers = RepositoryLinkService.MAX_LIVE_TOKENS + 6;
		CyclicBarrier together = new CyclicBarrier(callers);
		List<Future<Boolean>> created = new ArrayList<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(callers)) {
			for (int i = 0; i < callers; i++) {
				String name = "ci-" + i;
				created.add(threads.submit(() -> {
					together.await();
					try {
						service.createToken(admin, link.id(), name, 30);
						return true;
					}
					catch (QuotaExceededException ex) {
						return false;
					}
				}));
			}
		}
		long succeeded = 0;
		for (Future<Boolean> one : created) {
			succeeded += one.get() ? 1 : 0;
		}

		assertThat(succeeded).isEqualTo(RepositoryLinkService.MAX_LIVE_TOKENS);
		assertThat(links.countLiveTokens(link.id(), Instant.now())).isEqualTo(RepositoryLinkService.MAX_LIVE_TOKENS);
	}

	@Test
	void aConnectionsLinksAreListedByRepositoryAndKeepItFromBeingDeleted() {
		link("octo/web");
		link("octo/api");
		link("acme/site");
		link("octo/docs");

		assertThat(links.ofConnection(connection.id(), 3)).extracting((l) -> l.repository().fullName())
			.containsExactly("acme/site", "octo/api", "octo/docs");
		assertThat(links.countOfConnection(connection.id())).isEqualTo(4);
		assertThatThrownBy(() -> connections.delete(admin, connection.id()))
			.isInstanceOf(ConnectionInUseException.class)
			.hasMessage("Connection linked is used by 4 repository links: acme/site, octo/api, octo/docs, …. Delete them first.");
		assertThat(connections.get(admin, connection.id()).status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
	}

	@Test
	void aDeleteWaitingForALinkBeingStoredSeesItAndKeepsTheConnection() throws Exception {
		CompletableFuture<Connection> deleting = QueuedBehind.queuedBehind(transactions, jdbc,
				() -> links.lockConnection(connection.id()), () -> link("octo/web"),
				() -> connections.delete(admin, connection.id()));

		assertThatThrownBy(() -> deleting.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(ConnectionInUseException.class);
		assertThat(connections.get(admin, connection.id()).status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
	}

	@Test
	void aLinkIsNotStoredForAConnectionDeletedOrNotAvailableWhileItsRepositoryWasAsked() {
		Connection available = testConnections.available(admin, "eu-west-1", "linking");
		connections.delete(admin, available.id());

		assertThatThrownBy(() -> transactions.execute((status) -> service.store(admin, available,
				RepoName.parse("octo/web")))).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("is deleted now");
		assertThatThrownBy(() -> transactions.execute((status) -> service.store(admin, connection,
				RepoName.parse("octo/web")))).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("is pending its handshake now");
		assertThat(links.countOfConnection(available.id())).isZero();
		assertThat(links.countOfConnection(connection.id())).isZero();
	}

	@Test
	void aRepositoryLinkedAgainInAnotherCaseIsRefusedAsTheSameRepository() {
		Connection available = testConnections.available(admin, "eu-west-1", "cased");
		transactions.execute((status) -> service.store(admin, available, RepoName.parse("Octo/Web")));

		assertThatThrownBy(() -> transactions.execute((status) -> service.store(admin, available,
				RepoName.parse("octo/web")))).isInstanceOf(InvalidInputException.class)
			.hasMessage("Connection cased already links repository octo/web.");
		assertThat(links.countOfConnection(available.id())).isOne();
	}

}
