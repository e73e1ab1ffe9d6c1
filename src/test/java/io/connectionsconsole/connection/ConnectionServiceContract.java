package io.connectionsconsole.connection;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.connectionsconsole.account.AccountRepository;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.NotPermittedException;
import io.connectionsconsole.error.QuotaExceededException;
import io.connectionsconsole.region.Region;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.QueuedBehind;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connection rules (README, "What it is"), run against each database the console supports. */
abstract class ConnectionServiceContract {

	@Autowired
	ConnectionService service;

	@Autowired
	ListPreferencesService preferences;

	@Autowired
	CheckHistory history;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	AccountRepository accounts;

	@Autowired
	RegionCatalogue regions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	Region usEast1() {
		return regions.require("us-east-1");
	}

	Region euWest1() {
		return regions.require("eu-west-1");
	}

	Connection create(Caller caller, Region region, String name) {
		return service.create(caller, region, ConnectionName.of(name), ProviderType.GITHUB, Tags.none());
	}

	@Test
	void aTagThatWaitedForADeleteOfItsConnectionIsNotFoundAndTagsNothing() {
		Caller admin = testAccounts.newAdmin();
		Connection connection = create(admin, usEast1(), "deleted-while-tagged");

		CompletableFuture<Boolean> tagging = QueuedBehind.queuedBehind(transactions, jdbc,
				() -> jdbc.sql("SELECT id FROM connection WHERE id = :id FOR UPDATE")
					.param("id", connection.id().value())
					.query(String.class)
					.list(), () -> service.delete(admin, connection.id()), () -> {
						service.tag(admin, connection.arn(), new Tags(List.of(new Tag("team", "web"))));
						return true;
					});

		assertThatThrownBy(() -> tagging.get(20, TimeUnit.SECONDS))
			.hasCauseInstanceOf(ConnectionNotFoundException.class);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM connection_tag WHERE connection_id = :id")
			.param("id", connection.id().value())
			.query(Long.class)
			.single()).isZero();
	}

	int rowsOf(Caller caller) {
		return jdbc.sql("SELECT COUNT(*) FROM connection WHERE account_id = :a")
			.param("a", caller.accountId().value())
			.query(Long.class)
			.single()
			.intValue();
	}

	@Test
	void creatingAConnectionMakesItPendingWithAnAppRunnerArn() {
		Caller caller = testAccounts.newAdmin();
		Connection created = service.create(caller, usEast1(), ConnectionName.of("my-github"), ProviderType.GITHUB,
				new Tags(List.of(new Tag("team", "web"))));

		assertThat(created.status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
		assertThat(created.arn().value()).matches("arn:aws:apprunner:us-east-1:" + caller.accountId()
				+ ":connection/my-github/[0-9a-f]{32}");
		assertThat(ConnectionArn.parse(created.arn().value())).isEqualTo(created.arn());
		assertThat(service.list(caller, usEast1(), ConnectionQuery.all())).containsExactly(created);
		assertThat(service.tags(caller, created.arn())).containsExactly(new Tag("team", "web"));
	}

	@Test
	void aSecondLiveConnectionWithTheSameNameIsRefusedAndNothingIsStored() {
		Caller caller = testAccounts.newAdmin();
		create(caller, usEast1(), "shared-name");

		assertThatThrownBy(() -> create(caller, usEast1(), "shared-name"))
			.isInstanceOf(DuplicateConnectionNameException.class)
			.hasMessageContaining("'shared-name' already exists in us-east-1");
		assertThat(rowsOf(caller)).isEqualTo(1);
	}

	@Test
	void theSameNameIsFreeInAnotherRegionAndInAnotherAccount() {
		Caller caller = testAccounts.newAdmin();
		Caller other = testAccounts.newAdmin();
		create(caller, usEast1(), "everywhere");

		create(caller, euWest1(), "everywhere");
		create(other, usEast1(), "everywhere");

		assertThat(rowsOf(caller)).isEqualTo(2);
		assertThat(rowsOf(other)).isEqualTo(1);
	}

	@Test
	void deletingAConnectionKeepsItAsHistoryAndFreesItsNameForReuse() {
		Caller caller = testAccounts.newAdmin();
		Connection first = create(caller, usEast1(), "reusable");

		Connection deleted = service.delete(caller, first.arn());
		Connection second = create(caller, usEast1(), "reusable");

		assertThat(deleted.status()).isEqualTo(ConnectionStatus.DELETED);
		assertThat(service.list(caller, usEast1(), ConnectionQuery.all())).containsExactly(second);
		assertThat(rowsOf(caller)).isEqualTo(2);
		// its page, loaded again, says what became of it; to another account it is unknown, as any id
		assertThatThrownBy(() -> service.get(caller, first.id())).isInstanceOf(ConnectionNotFoundException.class)
			.hasMessage("Connection reusable was deleted.");
		assertThatThrownBy(() -> service.get(testAccounts.newAdmin(), first.id()))
			.isInstanceOf(ConnectionNotFoundException.class)
			.hasMessage("Connection '" + first.id() + "' was not found.");
		assertThatThrownBy(() -> service.delete(caller, first.arn())).isInstanceOf(ConnectionNotFoundException.class);
	}

	@Test
	void theQuotaRefusesOneMoreConnectionNamingTheQuotaAndItsValue() {
		Caller caller = testAccounts.newAdmin();
		accounts.setConnectionQuota(caller.accountId(), 2);
		create(caller, usEast1(), "first");
		create(caller, usEast1(), "second");

		assertThatThrownBy(() -> create(caller, usEast1(), "third")).isInstanceOf(QuotaExceededException.class)
			.hasMessageContaining("Connections per Region")
			.hasMessageContaining("of 2 connections in us-east-1");
		assertThat(rowsOf(caller)).isEqualTo(2);
		assertThat(service.usage(caller, usEast1())).isEqualTo(new QuotaUsage(2, 2));
		create(caller, euWest1(), "third");
	}

	@Test
	void aQuotaOf0SaysTheAccountMayHoldNoConnectionsRatherThanToDeleteOne() {
		Caller caller = testAccounts.newAdmin();
		accounts.setConnectionQuota(caller.accountId(), 0);

		assertThatThrownBy(() -> create(caller, usEast1(), "first")).isInstanceOf(QuotaExceededException.class)
			.hasMessage("This account's quota \"Connections per Region\" is 0: it may hold no connections in "
					+ "us-east-1. An administrator can raise it under Service quotas.");
		assertThat(rowsOf(caller)).isZero();
	}

	@Test
	void deletedConnectionsDoNotCountAgainstTheQuota() {
		Caller caller = testAccounts.newAdmin();
		accounts.setConnectionQuota(caller.accountId(), 1);
		Connection only = create(caller, usEast1(), "only-one");
		service.delete(caller, only.id());

		create(caller, usEast1(), "only-two");

		assertThat(service.usage(caller, usEast1()).used()).isEqualTo(1);
	}

	@Test
	void theDefaultQuotaIsTenPerRegion() {
		Caller caller = testAccounts.newAdmin();

		assertThat(service.usage(caller, usEast1())).isEqualTo(new QuotaUsage(0, 10));
	}

	@Test
	void anotherAccountsConnectionIsNotFoundWhateverIdOrArnIsGiven() {
		Caller owner = testAccounts.newAdmin();
		Caller stranger = testAccounts.newAdmin();
		Connection connection = create(owner, usEast1(), "private");
		ConnectionArn strangersSpelling = new ConnectionArn("us-east-1", stranger.accountId(), connection.name(),
				connection.id());

		assertThatThrownBy(() -> service.get(stranger, connection.id())).isInstanceOf(ConnectionNotFoundException.class);
		assertThatThrownBy(() -> service.get(stranger, connection.arn())).isInstanceOf(ConnectionNotFoundException.class);
		assertThatThrownBy(() -> service.get(stranger, strangersSpelling))
			.isInstanceOf(ConnectionNotFoundException.class);
		assertThatThrownBy(() -> service.delete(stranger, connection.id()))
			.isInstanceOf(ConnectionNotFoundException.class);
		assertThatThrownBy(() -> service.delete(stranger, strangersSpelling))
			.isInstanceOf(ConnectionNotFoundException.class);
		assertThatThrownBy(() -> service.tag(stranger, connection.arn(), new Tags(List.of(new Tag("k", "v")))))
			.isInstanceOf(ConnectionNotFoundException.class);
		assertThat(service.list(stranger, usEast1(), ConnectionQuery.all())).isEmpty();
		assertThat(service.get(owner, connection.id()).status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
	}

	@Test
	void anArnOfTheRightAccountButAnotherRegionOrNameIsNotFound() {
		Caller caller = testAccounts.newAdmin();
		Connection connection = create(caller, usEast1(), "regional");

		assertThatThrownBy(() -> service.get(caller,
				new ConnectionArn("eu-west-1", caller.accountId(), connection.name(), connection.id())))
			.isInstanceOf(ConnectionNotFoundException.class);
		assertThatThrownBy(() -> service.get(caller,
				new ConnectionArn("us-east-1", caller.accountId(), ConnectionName.of("renamed"), connection.id())))
			.isInstanceOf(ConnectionNotFoundException.class);
	}

	@Test
	void readOnlyUsersCannotCreateDeleteOrTag() {
		Caller admin = testAccounts.newAdmin();
		Caller reader = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);
		Connection connection = create(admin, usEast1(), "look-only");

		assertThatThrownBy(() -> create(reader, usEast1(), "not-mine")).isInstanceOf(NotPermittedException.class);
		assertThatThrownBy(() -> service.delete(reader, connection.id())).isInstanceOf(NotPermittedException.class);
		assertThatThrownBy(() -> service.tag(reader, connection.arn(), Tags.none()))
			.isInstanceOf(NotPermittedException.class);
		assertThat(service.list(reader, usEast1(), ConnectionQuery.all())).containsExactly(connection);
	}

	@Test
	void taggingMergesKeysAndUntaggingRemovesThem() {
		Caller caller = testAccounts.newAdmin();
		Connection connection = service.create(caller, usEast1(), ConnectionName.of("tagged"), ProviderType.BITBUCKET,
				new Tags(List.of(new Tag("env", "dev"), new Tag("team", "web"))));

		service.tag(caller, connection.arn(), new Tags(List.of(new Tag("env", "prod"), new Tag("cost", ""))));
		service.untag(caller, connection.arn(), List.of("team", "absent"));

		assertThat(service.tags(caller, connection.arn())).containsExactly(new Tag("cost", ""), new Tag("env", "prod"));
	}

	@Test
	void taggingPastFiftyTagsIsRefusedAndChangesNothing() {
		Caller caller = testAccounts.newAdmin();
		List<Tag> fifty = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			fifty.add(new Tag("key-" + i, "v"));
		}
		Connection connection = service.create(caller, usEast1(), ConnectionName.of("full"), ProviderType.GITHUB,
				new Tags(fifty));

		assertThatThrownBy(() -> service.tag(caller, connection.arn(), new Tags(List.of(new Tag("one-more", "v")))))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("at most 50 tags");
		assertThat(service.tags(caller, connection.arn())).hasSize(50);
	}

	@Test
	void listingFiltersByExactNameByPartAndPagesInNameOrder() {
		Caller caller = testAccounts.newAdmin();
		for (String name : List.of("delta", "alpha", "charlie", "bravo")) {
			create(caller, usEast1(), name);
		}

		assertThat(names(service.list(caller, usEast1(), ConnectionQuery.apiPage(null, null, 2))))
			.containsExactly("alpha", "bravo");
		assertThat(names(service.list(caller, usEast1(), ConnectionQuery.apiPage(null, "bravo", 10))))
			.containsExactly("charlie", "delta");
		assertThat(names(service.list(caller, usEast1(), ConnectionQuery.apiPage("charlie", null, 10))))
			.containsExactly("charlie");
		assertThat(names(service.list(caller, usEast1(), ConnectionQuery.consolePage("LT", 0, 10))))
			.containsExactly("delta");
		assertThat(service.count(caller, usEast1(), "a")).isEqualTo(4);
		assertThat(service.count(caller, usEast1(), "%")).isZero();
		// characters no name has (control characters) match no name, rather than being dropped for a filter on nothing
		assertThat(service.count(caller, usEast1(), "\u0001\u0002\u001b")).isZero();
		assertThat(service.count(caller, usEast1(), "\u001f")).isZero();
	}

	@Test
	void aConsolePageCountsMatchesAndKeepsThePageWithinThoseThereAre() {
		Caller caller = testAccounts.newAdmin();
		accounts.setConnectionQuota(caller.accountId(), 30);
		for (int i = 1; i <= 22; i++) {
			create(caller, usEast1(), "page-%02d".formatted(i));
		}
		create(caller, usEast1(), "other");

		ConnectionPage second = service.page(caller, usEast1(), "page", 2);
		assertThat(second.usage()).isEqualTo(new QuotaUsage(23, 30));
		assertThat(second.matches()).isEqualTo(22);
		assertThat(second.pages()).isEqualTo(3);
		assertThat(names(second.rows())).hasSize(10).startsWith("page-11").endsWith("page-20");

		ConnectionPage beyond = service.page(caller, usEast1(), "page", 99);
		assertThat(beyond.page()).isEqualTo(3);
		assertThat(names(beyond.rows())).containsExactly("page-21", "page-22");

		ConnectionPage unfiltered = service.page(caller, usEast1(), " ", 0);
		assertThat(unfiltered.page()).isEqualTo(1);
		assertThat(unfiltered.matches()).isEqualTo(23);
		assertThat(unfiltered.rows()).hasSize(10);
		assertThat(service.page(caller, usEast1(), "nothing-like-it", 1).pages()).isEqualTo(1);
	}

	@Test
	void eachUserKeepsTheirOwnPageSizeAndColumns() {
		Caller caller = testAccounts.newAdmin();
		Caller colleague = testAccounts.newUser(caller.accountId(), Role.READ_ONLY);
		accounts.setConnectionQuota(caller.accountId(), 40);
		for (int i = 1; i <= 35; i++) {
			create(caller, usEast1(), "pref-%02d".formatted(i));
		}

		preferences.save(colleague, ListPreferences.of(30, List.of("status", "lastChecked")));
		preferences.save(colleague, ListPreferences.of(50, List.of("status")));

		assertThat(preferences.of(colleague)).isEqualTo(new ListPreferences(50, false, true, false, false, false));
		assertThat(preferences.of(caller)).isEqualTo(ListPreferences.DEFAULT);
		ConnectionPage colleagues = service.page(colleague, usEast1(), null, 1);
		assertThat(colleagues.rows()).hasSize(35);
		assertThat(colleagues.pages()).isEqualTo(1);
		assertThat(colleagues.preferences().columns()).containsExactly("status");
		assertThat(service.page(caller, usEast1(), null, 1).rows()).hasSize(10);
	}

	@Test
	void concurrentFirstSavesOfAUsersPreferencesLeaveOneRowAndNoError() throws Exception {
		Caller caller = testAccounts.newAdmin();

		List<Object> outcomes = race(16, (i) -> {
			preferences.save(caller, ListPreferences.of(i % 2 == 0 ? 30 : 50, List.of("status")));
			return "saved";
		});

		assertThat(outcomes).containsOnly("saved");
		assertThat(preferences.of(caller).pageSize()).isIn(30, 50);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM connection_list_preference WHERE user_id = :user")
			.param("user", caller.userId())
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void preferencesOutsideTheChoicesAreRefused() {
		assertThatThrownBy(() -> ListPreferences.of(25, List.of())).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("10, 30 or 50");
		assertThatThrownBy(() -> ListPreferences.of(10, List.of("secret"))).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("no column 'secret'");
	}

	/** An available connection with a token, as a completed handshake leaves it. */
	Connection available(Caller caller, String name) {
		Connection connection = create(caller, usEast1(), name);
		return service.completeHandshake(caller, connection.id(), HandshakeKind.COMPLETE,
				new Connection.ProviderAccount("octo", "Octo", "https://github.com/octo"),
				new ProviderTokens("access-" + name, null, null), null);
	}

	void check(Caller caller, Connection connection, CheckOutcome outcome, CheckTrigger trigger) {
		service.recordCheck(service.credentialsForCheck(caller, connection.id()), outcome, trigger, caller.username());
	}

	int historyOf(Connection connection) {
		return jdbc.sql("SELECT COUNT(*) FROM connection_check WHERE connection_id = :id")
			.param("id", connection.id().value())
			.query(Long.class)
			.single()
			.intValue();
	}

	@Test
	void everyCheckIsKeptWithItsTimeTriggerOutcomeAndWhoAsked() {
		Caller caller = testAccounts.newAdmin();
		Connection connection = available(caller, "history");

		check(caller, connection, CheckOutcome.OK, CheckTrigger.ON_DEMAND);
		check(caller, connection, CheckOutcome.UNREACHABLE, CheckTrigger.PERIODIC);
		check(caller, connection, CheckOutcome.TOKEN_REJECTED, CheckTrigger.REPOSITORY_READ);

		ConnectionDetails details = service.details(caller, connection.id());
		assertThat(details.connection().status()).isEqualTo(ConnectionStatus.ERROR);
		assertThat(details.history()).extracting(CheckRecord::trigger)
			.containsExactly(CheckTrigger.REPOSITORY_READ, CheckTrigger.PERIODIC, CheckTrigger.ON_DEMAND,
					CheckTrigger.HANDSHAKE);
		assertThat(details.history()).extracting(CheckRecord::outcome)
			.containsExactly(CheckOutcome.TOKEN_REJECTED, CheckOutcome.UNREACHABLE, CheckOutcome.OK, CheckOutcome.OK);
		assertThat(details.history()).allSatisfy((check) -> assertThat(check.actor()).isEqualTo(caller.username()));
		assertThat(details.history().get(0).at()).isAfterOrEqualTo(details.history().get(3).at());
	}

	@Test
	void aCheckThatFindsTheTokenWorkingAfterTheConnectionWentIntoErrorMeanwhileLeavesItsReason() {
		Caller caller = testAccounts.newAdmin();
		Connection connection = available(caller, "raced");
		ConnectionCredentials begun = service.credentialsForCheck(caller, connection.id());
		check(caller, connection, CheckOutcome.TOKEN_REJECTED, CheckTrigger.PERIODIC);

		service.recordCheck(begun, CheckOutcome.OK, CheckTrigger.ON_DEMAND, caller.username());

		Connection after = service.get(caller, connection.id());
		assertThat(after.status()).isEqualTo(ConnectionStatus.ERROR);
		assertThat(after.lastCheck().detail()).isEqualTo(CheckOutcome.TOKEN_REJECTED.name());
	}

	@Test
	void aRepositoryReadEntersTheHistoryOnlyWhenItFindsSomethingElseThanTheCheckBeforeIt() {
		Caller caller = testAccounts.newAdmin();
		Connection connection = available(caller, "reads");

		for (int i = 0; i < 5; i++) {
			check(caller, connection, CheckOutcome.OK, CheckTrigger.REPOSITORY_READ);
		}
		check(caller, connection, CheckOutcome.UNREACHABLE, CheckTrigger.REPOSITORY_READ);
		check(caller, connection, CheckOutcome.UNREACHABLE, CheckTrigger.REPOSITORY_READ);
		check(caller, connection, CheckOutcome.OK, CheckTrigger.REPOSITORY_READ);
		check(caller, connection, CheckOutcome.OK, CheckTrigger.ON_DEMAND);

		ConnectionDetails details = service.details(caller, connection.id());
		assertThat(details.history()).extracting(CheckRecord::trigger)
			.containsExactly(CheckTrigger.ON_DEMAND, CheckTrigger.REPOSITORY_READ, CheckTrigger.REPOSITORY_READ,
					CheckTrigger.HANDSHAKE);
		assertThat(details.history()).extracting(CheckRecord::outcome)
			.containsExactly(CheckOutcome.OK, CheckOutcome.OK, CheckOutcome.UNREACHABLE, CheckOutcome.OK);
		assertThat(details.connection().lastCheck().detail()).isEqualTo(CheckOutcome.OK.name());
	}

	@Test
	void theDetailsShowTheLatestTwentyChecksNewestFirst() {
		Caller caller = testAccounts.newAdmin();
		Connection connection = available(caller, "twenty");
		for (int i = 0; i < 24; i++) {
			check(caller, connection, i == 23 ? CheckOutcome.RATE_LIMITED : CheckOutcome.OK, CheckTrigger.ON_DEMAND);
		}

		List<CheckRecord> shown = service.details(caller, connection.id()).history();

		assertThat(historyOf(connection)).isEqualTo(25);
		assertThat(shown).hasSize(CheckHistory.SHOWN);
		assertThat(shown.get(0).outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
	}

	@Test
	void pruningKeepsTheLatestHundredChecksOfAConnectionAndNoneOlderThanNinetyDays() {
		Caller caller = testAccounts.newAdmin();
		Connection busy = available(caller, "busy");
		Connection quiet = available(caller, "quiet");
		for (int i = 0; i < 104; i++) {
			check(caller, busy, i == 103 ? CheckOutcome.UNREACHABLE : CheckOutcome.OK, CheckTrigger.PERIODIC);
		}
		check(caller, quiet, CheckOutcome.OK, CheckTrigger.ON_DEMAND);
		check(caller, quiet, CheckOutcome.OK, CheckTrigger.ON_DEMAND);
		jdbc.sql("""
				UPDATE connection_check SET checked_at = :old
				WHERE connection_id = :id AND check_trigger = 'HANDSHAKE'""")
			.param("old", OffsetDateTime.now(ZoneOffset.UTC).minusDays(91))
			.param("id", quiet.id().value())
			.update();
		assertThat(historyOf(busy)).isEqualTo(105);
		assertThat(historyOf(quiet)).isEqualTo(3);

		history.prune();

		assertThat(historyOf(busy)).isEqualTo(CheckHistory.KEPT);
		assertThat(service.details(caller, busy.id()).history().get(0).outcome()).isEqualTo(CheckOutcome.UNREACHABLE);
		assertThat(jdbc.sql("""
				SELECT COUNT(*) FROM connection_check WHERE connection_id = :id AND check_trigger = 'HANDSHAKE'""")
			.param("id", busy.id().value())
			.query(Long.class)
			.single()).as("the oldest went").isZero();
		assertThat(historyOf(quiet)).isEqualTo(2);
		assertThat(service.details(caller, quiet.id()).history()).extracting(CheckRecord::trigger)
			.containsOnly(CheckTrigger.ON_DEMAND);
	}

	@Test
	void fortyConcurrentCreatesWithQuotaTenLeaveExactlyTenLiveConnections() throws Exception {
		Caller caller = testAccounts.newAdmin();
		accounts.setConnectionQuota(caller.accountId(), 10);

		List<Object> outcomes = race(40, (i) -> create(caller, usEast1(), "racer-" + i));

		assertThat(outcomes).filteredOn(Connection.class::isInstance).hasSize(10);
		assertThat(outcomes).filteredOn(QuotaExceededException.class::isInstance).hasSize(30);
		assertThat(service.count(caller, usEast1(), null)).isEqualTo(10);
		assertThat(rowsOf(caller)).isEqualTo(10);
	}

	@Test
	void twentyConcurrentCreatesOfOneNameLeaveExactlyOne() throws Exception {
		Caller caller = testAccounts.newAdmin();

		List<Object> outcomes = race(20, (i) -> create(caller, usEast1(), "contested"));

		assertThat(outcomes).filteredOn(Connection.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn(DuplicateConnectionNameException.class::isInstance).hasSize(19);
		assertThat(rowsOf(caller)).isEqualTo(1);
	}

	private static List<String> names(List<Connection> connections) {
		return connections.stream().map((c) -> c.name().value()).toList();
	}

	/** Runs the action from {@code n} threads released at once; each outcome is a result or the exception. */
	private static List<Object> race(int n, java.util.function.IntFunction<Object> action) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(n);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Object>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				int index = i;
				Callable<Object> task = () -> {
					start.await();
					try {
						return action.apply(index);
					}
					catch (RuntimeException ex) {
						return ex;
					}
				};
				futures.add(pool.submit(task));
			}
			start.countDown();
			List<Object> outcomes = new ArrayList<>();
			for (Future<Object> future : futures) {
				outcomes.add(future.get(60, TimeUnit.SECONDS));
			}
			return outcomes;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
