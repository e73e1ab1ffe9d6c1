package io.connectionsconsole.provider;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.ResultActions;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.CheckRecord;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderTokens;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.support.HandshakeTest;
import io.connectionsconsole.support.HandshakeTestBase;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Repositories section of the details page against the fake GitHub and Bitbucket: every page the provider pages
 * is read, the console filters and pages the list itself, a chosen repository's branches are read the same way, and
 * what a read finds about the token is recorded like a check's. A rejected token makes the connection ERROR; an outage changes no
 * status.
 */
@HandshakeTest
class RepositoryReadTest extends HandshakeTestBase {

	@Autowired
	AuditLog audit;


	private ResultActions repositories(Caller who, Connection connection, String query) throws Exception {
		return mvc.perform(get("/connections/" + connection.id().value() + "/repositories" + query)
			.with(user(testAccounts.principal(who))));
	}

	private static List<String> names(String prefix, int count) {
		return IntStream.rangeClosed(1, count).mapToObj((i) -> prefix + "%03d".formatted(i)).toList();
	}

	private CheckRecord latestCheck(Connection connection) {
		return connections.details(caller, connection.id()).history().get(0);
	}

	@Test
	void gitHubRepositoriesAreReadAcrossEveryPageItsLinkHeaderNames() throws Exception {
		Connection connection = availableConnection("gh-repos", ProviderType.GITHUB);
		fake.github().repositories(names("octo-fake/repo-", 150), true);

		repositories(caller, connection, "")
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"repositories-counter\">(150)</span>")))
			.andExpect(content().string(containsString(">octo-fake/repo-001</a>")))
			.andExpect(content().string(containsString(">octo-fake/repo-010</a>")))
			.andExpect(content().string(not(containsString(">octo-fake/repo-011</a>"))))
			.andExpect(content().string(containsString("Page 1 of 15")))
			.andExpect(content().string(containsString("<td>Private</td>")))
			.andExpect(content().string(containsString("id=\"details-heading\">gh-repos</h1>")))
			.andExpect(content().string(containsString(
					"id=\"action-delete\" href=\"/connections/" + connection.id().value() + "/delete\"")));

		assertThat(fake.github().apiRequests()).containsExactly("/github/api/user/repos?per_page=100",
				"/github/api/user/repos?per_page=100&page=2");
		assertThat(connections.get(caller, connection.id()).lastCheck().ok()).isTrue();
	}

	@Test
	void bitbucketRepositoriesAreReadAcrossEveryPageItsNextLinkNames() throws Exception {
		Connection connection = availableConnection("bb-repos", ProviderType.BITBUCKET);
		fake.bitbucket().repositories(names("team/repo-", 120), false);

		repositories(caller, connection, "?page=12")
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"repositories-counter\">(120)</span>")))
			.andExpect(content().string(containsString(">team/repo-111</a>")))
			.andExpect(content().string(containsString(">team/repo-120</a>")))
			.andExpect(content().string(containsString("<td>Public</td>")))
			.andExpect(content().string(containsString("<td>develop</td>")))
			.andExpect(content().string(containsString("Page 12 of 12")));

		assertThat(fake.bitbucket().apiRequests()).containsExactly("/bitbucket/api/2.0/repositories?role=member&pagelen=100",
				"/bitbucket/api/2.0/repositories?role=member&pagelen=100&page=2");
	}

	@Test
	void theListIsFilteredByNameAndSaysHowManyMatch() throws Exception {
		Connection connection = availableConnection("gh-filter", ProviderType.GITHUB);
		fake.github().repositories(List.of("octo-fake/api", "octo-fake/web-app", "acme/WEB-site", "acme/tools"), false);

		repositories(caller, connection, "?filter=web")
			.andExpect(content().string(containsString(">acme/WEB-site</a>")))
			.andExpect(content().string(containsString(">octo-fake/web-app</a>")))
			.andExpect(content().string(not(containsString(">acme/tools</a>"))))
			.andExpect(content().string(containsString("id=\"repository-matches\">2 matches</span>")))
			// no repository chosen: no branches heading for the pane to be named by
			.andExpect(content().string(not(containsString("aria-labelledby=\"branches-heading\""))));
		repositories(caller, connection, "?filter=nothing-like-it")
			.andExpect(content().string(containsString("No repository name matches &quot;nothing-like-it&quot;.")))
			.andExpect(content().string(containsString("id=\"repositories-empty-clear\"")));
	}

	@Test
	void aFilterWithBracesIsReadAsTypedInPlaceAndAsAPage() throws Exception {
		Connection connection = availableConnection("gh-braces", ProviderType.GITHUB);
		fake.github().repositories(List.of("octo-fake/api"), false);

		mvc.perform(get("/connections/" + connection.id().value() + "/repositories").param("filter", "{x}")
			.header("HX-Request", "true")
			.header("HX-Target", "repositories")
			.with(user(testAccounts.principal(caller))))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Push-Url",
					"/connections/" + connection.id().value() + "/repositories?filter=%7Bx%7D"))
			.andExpect(content().string(containsString("No repository name matches &quot;{x}&quot;.")));
		repositories(caller, connection, "?filter=%7Bx%7D").andExpect(status().isOk());
	}

	@Test
	void theBranchesOfAChosenRepositoryAreReadAcrossEveryPage() throws Exception {
		Connection connection = availableConnection("gh-branches", ProviderType.GITHUB);
		fake.github().repositories(List.of("octo-fake/api"), false);
		fake.github().branches("octo-fake/api", names("feature-", 130));

		repositories(caller, connection, "?repository=octo-fake/api")
			.andExpect(content().string(containsString("Branches of octo-fake/api")))
			.andExpect(content().string(containsString("<td>feature-001</td>")))
			.andExpect(content().string(containsString("<td>feature-130</td>")))
			.andExpect(content().string(containsString("aria-current=\"true\">octo-fake/api</a>")));

		assertThat(fake.github().apiRequests()).contains("/github/api/repos/octo-fake/api/branches?per_page=100",
				"/github/api/repos/octo-fake/api/branches?per_page=100&page=2");
	}

	/** The section's links carry what the user typed as it is: an empty choice is none, spaces around one are not it. */
	@Test
	void anEmptyRepositoryChoiceIsNoneAndSpacesAroundOneAreLeftOut() throws Exception {
		Connection connection = availableConnection("gh-padded", ProviderType.GITHUB);
		fake.github().repositories(List.of("octo-fake/api"), false);
		fake.github().branches("octo-fake/api", List.of("main"));

		repositories(caller, connection, "?repository=")
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("Branches of"))));
		repositories(caller, connection, "?repository= octo-fake/api ")
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Branches of octo-fake/api")));
		// asked in place for the branches of no repository: the section, as for any other request without a choice
		mvc.perform(get("/connections/" + connection.id().value() + "/repositories?repository=")
			.header("HX-Request", "true")
			.header("HX-Target", "branches")
			.with(user(testAccounts.principal(caller))))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("Branches of"))));
	}

	@Test
	void bitbucketBranchesComeFromRefsBranches() throws Exception {
		Connection connection = availableConnection("bb-branches", ProviderType.BITBUCKET);
		fake.bitbucket().repositories(List.of("team/service"), true);
		fake.bitbucket().branches("team/service", List.of("main", "release"));

		repositories(caller, connection, "?repository=team/service")
			.andExpect(content().string(containsString("<td>release</td>")));

		assertThat(fake.bitbucket().apiRequests())
			.contains("/bitbucket/api/2.0/repositories/team/service/refs/branches?pagelen=100");
	}

	@Test
	void aRepositoryTheProviderDoesntKnowIsSaidSoAndTheTokenStillCountsAsWorking() throws Exception {
		Connection connection = availableConnection("gh-unknown-repo", ProviderType.GITHUB);
		fake.github().repositories(List.of("octo-fake/api"), false);

		repositories(caller, connection, "?repository=octo-fake/gone")
			.andExpect(content().string(containsString("Repository octo-fake/gone was not found at GitHub")));

		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(latestCheck(connection).outcome()).isEqualTo(CheckOutcome.OK);
	}

	@Test
	void aRepositoryNameThatIsNoneIsRefusedBeforeAnyProviderCall() throws Exception {
		Connection connection = availableConnection("gh-bad-name", ProviderType.GITHUB);
		int asked = fake.github().apiRequests().size();
		Connection.LastCheck lastCheck = connections.get(caller, connection.id()).lastCheck();

		repositories(caller, connection, "?repository=../../user")
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("is not a repository name")));

		assertThat(fake.github().apiRequests()).as("not even the listing").hasSize(asked);
		assertThat(connections.get(caller, connection.id()).lastCheck()).as("nothing recorded")
			.isEqualTo(lastCheck);
	}

	/** A page number changed by hand to something else gets the first page, as on the Connected accounts list. */
	@Test
	void aPageThatIsNoNumberIsTheFirst() throws Exception {
		Connection connection = availableConnection("gh-page-abc", ProviderType.GITHUB);

		repositories(caller, connection, "?page=abc").andExpect(status().isOk());
	}

	@Test
	void anExpiredBitbucketTokenIsRefreshedBeforeTheRead() throws Exception {
		Connection connection = availableConnection("bb-expired", ProviderType.BITBUCKET);
		ProviderTokens before = connections.credentialsForCheck(caller, connection.id()).tokens();
		jdbc.sql("UPDATE connection SET token_expires_at = :past WHERE id = :id")
			.param("past", Instant.now().minusSeconds(60).atOffset(ZoneOffset.UTC))
			.param("id", connection.id().value())
			.update();
		fake.bitbucket().expireAccessTokens();
		fake.bitbucket().repositories(List.of("team/fresh"), false);

		repositories(caller, connection, "").andExpect(content().string(containsString(">team/fresh</a>")));

		assertThat(fake.bitbucket().tokenRequests()).last()
			.satisfies((request) -> assertThat(request).containsEntry("grant_type", "refresh_token"));
		assertThat(fake.bitbucket().apiRequests()).hasSize(1);
		ProviderTokens after = connections.credentialsForCheck(caller, connection.id()).tokens();
		assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
		assertThat(fake.bitbucket().refreshTokenActive(after.refreshToken())).isTrue();
	}

	@Test
	void aRejectedTokenMakesTheConnectionErrorWithTheReason() throws Exception {
		Connection connection = availableConnection("gh-revoked-read", ProviderType.GITHUB);
		fake.github().revokeAll();

		repositories(caller, connection, "")
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("GitHub rejected the connection&#39;s token (HTTP 401)")))
			.andExpect(content().string(containsString("status-error")))
			.andExpect(content().string(containsString("Token revoked or expired (HTTP 401)")));

		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.ERROR);
		assertThat(latestCheck(connection).outcome()).isEqualTo(CheckOutcome.TOKEN_REJECTED);
		assertThat(audit.latest(caller.accountId().value(), 3)).anySatisfy((event) -> {
			assertThat(event.action()).isEqualTo("ConnectionError");
			assertThat(event.actor()).isEqualTo(caller.username());
		});
	}

	@Test
	void anOutageShowsAClearMessageAndChangesNoStatusNorToken() throws Exception {
		Connection connection = availableConnection("bb-outage", ProviderType.BITBUCKET);
		ProviderTokens before = connections.credentialsForCheck(caller, connection.id()).tokens();
		fake.bitbucket().goDown();

		repositories(caller, connection, "")
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Bitbucket could not be reached or did not answer in time")))
			.andExpect(content().string(containsString("The connection keeps its status")));

		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(connections.credentialsForCheck(caller, connection.id()).tokens()).isEqualTo(before);
		assertThat(latestCheck(connection).outcome()).isEqualTo(CheckOutcome.UNREACHABLE);
	}

	@Test
	void aNextPageOutsideTheProvidersApiIsNotFollowed() throws Exception {
		Connection connection = availableConnection("gh-elsewhere", ProviderType.GITHUB);
		fake.github().repositoriesEndpointAnswers(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("Link", "<http://collector.invalid/user/repos?page=2>; rel=\"next\"")
			.withBody("[{\"full_name\":\"octo-fake/first\",\"private\":false}]"));

		repositories(caller, connection, "")
			.andExpect(content().string(containsString("GitHub gave an answer the console can&#39;t read")));

		assertThat(latestCheck(connection).outcome()).isEqualTo(CheckOutcome.UNEXPECTED_ANSWER);
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

	/** GitHub's repositories endpoint answers one page of {@code count} repositories, each with a long description. */
	private void gitHubListsOnePage(int count, int descriptionLength) {
		String description = "d".repeat(descriptionLength);
		fake.github().repositoriesEndpointAnswers(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(IntStream.rangeClosed(1, count)
				.mapToObj((i) -> "{\"full_name\":\"octo-fake/repo-%05d\",\"private\":false,\"description\":\"%s\"}"
					.formatted(i, description))
				.collect(Collectors.joining(",", "[", "]"))));
	}

	@Test
	void anAnswerLargerThanTheConsoleReadsIsRefusedWithAClearMessageAndChangesNoStatus() throws Exception {
		Connection connection = availableConnection("gh-huge", ProviderType.GITHUB);
		gitHubListsOnePage(5000, 1000);

		repositories(caller, connection, "")
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("GitHub&#39;s answer was too large to read (more than 4 MB)")))
			.andExpect(content().string(not(containsString(">octo-fake/repo-00001</a>"))));

		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(latestCheck(connection).outcome()).isEqualTo(CheckOutcome.ANSWER_TOO_LARGE);
	}

	@Test
	void aListingKeepsAtMostAThousandItemsWhateverAProviderPutsOnItsPages() throws Exception {
		Connection connection = availableConnection("gh-crowded", ProviderType.GITHUB);
		gitHubListsOnePage(1500, 0);

		repositories(caller, connection, "")
			.andExpect(content().string(containsString("id=\"repositories-counter\">(1,000)</span>")))
			.andExpect(content().string(containsString("id=\"repositories-truncated\"")));
	}

	@Test
	void htmxGetsTheSectionOrOnlyTheBranchesItTargetsAndTheWholePageForABoostedLink() throws Exception {
		Connection connection = availableConnection("gh-in-place", ProviderType.GITHUB);
		fake.github().repositories(List.of("octo-fake/api", "octo-fake/web"), false);
		fake.github().branches("octo-fake/web", List.of("main"));
		String base = "/connections/" + connection.id().value() + "/repositories";

		mvc.perform(get(base).param("filter", "we")
			.header("HX-Request", "true")
			.header("HX-Target", "repositories")
			.with(user(testAccounts.principal(caller))))
			.andExpect(content().string(containsString("<section class=\"container\" id=\"repositories\"")))
			.andExpect(content().string(not(containsString("id=\"details-heading\""))))
			.andExpect(content().string(not(containsString("top-nav"))))
			.andExpect(header().string("HX-Push-Url", base + "?filter=we"));
		int reads = fake.github().apiRequests().size();

		mvc.perform(get(base).param("repository", "octo-fake/web")
			.header("HX-Request", "true")
			.header("HX-Target", "branches")
			.with(user(testAccounts.principal(caller))))
			.andExpect(content().string(containsString("<section id=\"branches\"")))
			.andExpect(content().string(containsString("<td>main</td>")))
			.andExpect(content().string(not(containsString("id=\"repositories\""))));
		assertThat(fake.github().apiRequests().subList(reads, fake.github().apiRequests().size()))
			.containsExactly("/github/api/repos/octo-fake/web/branches?per_page=100");

		mvc.perform(get(base).header("HX-Request", "true")
			.header("HX-Target", "main")
			.with(user(testAccounts.principal(caller))))
			.andExpect(content().string(containsString("id=\"details-heading\"")))
			.andExpect(content().string(containsString(">octo-fake/api</a>")))
			.andExpect(content().string(containsString("id=\"top-nav\" hx-swap-oob=\"true\"")))
			.andExpect(content().string(not(containsString("id=\"main\""))));
	}

	@Test
	void htmxGetsTheWholePageWhenTheReadTurnedTheConnectionToError() throws Exception {
		Connection connection = availableConnection("gh-in-place-401", ProviderType.GITHUB);
		fake.github().revokeAll();

		mvc.perform(get("/connections/" + connection.id().value() + "/repositories").header("HX-Request", "true")
			.with(user(testAccounts.principal(caller))))
			.andExpect(header().string("HX-Retarget", "#main"))
			.andExpect(content().string(containsString("id=\"details-heading\"")))
			.andExpect(content().string(containsString("status-error")));
	}

	@Test
	void readOnlyUsersMayListRepositories() throws Exception {
		Connection connection = availableConnection("gh-reader", ProviderType.GITHUB);
		fake.github().repositories(List.of("octo-fake/visible"), false);
		Caller reader = testAccounts.newUser(caller.accountId(), Role.READ_ONLY);

		repositories(reader, connection, "").andExpect(content().string(containsString(">octo-fake/visible</a>")));
	}

	@Test
	void aConnectionWithoutATokenHasNoRepositoriesToRead() throws Exception {
		Connection pending = connections.create(caller, regions.require("us-west-2"), ConnectionName.of("gh-pending"),
				ProviderType.GITHUB, Tags.none());

		repositories(caller, pending, "")
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("is pending its handshake: only an available connection can read repositories")));

		assertThat(fake.github().apiRequests()).isEmpty();
	}

	@Test
	void anotherAccountsConnectionIsNotFound() throws Exception {
		Connection connection = availableConnection("gh-private", ProviderType.GITHUB);

		repositories(testAccounts.newAdmin(), connection, "").andExpect(status().isNotFound());

		assertThat(fake.github().apiRequests()).isEmpty();
	}

}
