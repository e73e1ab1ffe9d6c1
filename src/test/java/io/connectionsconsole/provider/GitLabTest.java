package io.connectionsconsole.provider;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderTokens;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.support.HandshakeTest;
import io.connectionsconsole.support.HandshakeTestBase;
import io.connectionsconsole.web.Flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * GitLab (gitlab.com) as the third provider, against a fake that answers as GitLab does: the handshake with PKCE and
 * GitLab's scopes, the two-hour tokens refreshed with the handshake's redirect URI and a rotating refresh token, the
 * user from {@code /user}, projects and branches paged by {@code Link} or by {@code X-Next-Page} alone.
 */
@HandshakeTest
class GitLabTest extends HandshakeTestBase {

	private ResultActions repositories(Connection connection, String query) throws Exception {
		return mvc.perform(get("/connections/" + connection.id().value() + "/repositories" + query)
			.with(user(testAccounts.principal(caller))));
	}

	private static List<String> names(String prefix, int count) {
		return IntStream.rangeClosed(1, count).mapToObj((i) -> prefix + "%03d".formatted(i)).toList();
	}

	@Test
	void theHandshakeAsksForGitLabsScopesWithPkceAndReadsTheUser() throws Exception {
		Connection created = connections.create(caller, regions.require("us-west-2"), ConnectionName.of("lab-new"),
				ProviderType.GITLAB, Tags.none());

		flow.complete(caller, created).andExpect(flash().attribute(Flash.ATTRIBUTE,
				new Flash("success", "flash.handshake.completed", "lab-new")));

		Map<String, String> authorize = fake.gitlab().authorizeRequests().getLast();
		assertThat(authorize).containsEntry("client_id", "fake-gitlab-application-id")
			.containsEntry("scope", "read_api read_repository read_user")
			.containsEntry("code_challenge_method", "S256")
			.containsKey("code_challenge");
		assertThat(authorize.get("redirect_uri")).endsWith("/connections/handshake/callback/gitlab");
		assertThat(fake.gitlab().tokenRequests().getLast()).containsKey("code_verifier")
			.containsEntry("redirect_uri", authorize.get("redirect_uri"));
		Connection connection = connections.get(caller, created.id());
		assertThat(connection.status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(connection.providerAccount().login()).isEqualTo("lab-fake");
		assertThat(connection.providerAccount().displayName()).isEqualTo("Lab Fake");
		assertThat(connection.providerAccount().profileUrl()).isEqualTo("https://gitlab.com/lab-fake");
		ProviderTokens tokens = connections.credentialsForCheck(caller, connection.id()).tokens();
		assertThat(tokens.expiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(110)),
				Instant.now().plus(Duration.ofHours(2)));
		assertThat(tokens.redirectUri()).isEqualTo(authorize.get("redirect_uri"));
		assertThat(connection.arn().value()).contains(":connection/lab-new/");
	}

	@Test
	void anExpiredTokenIsRefreshedWithTheHandshakesRedirectUriAndTheRotatedRefreshTokenKept() throws Exception {
		Connection connection = availableConnection("lab-refresh", ProviderType.GITLAB);
		String redirectUri = fake.gitlab().authorizeRequests().getLast().get("redirect_uri");
		ProviderTokens before = connections.credentialsForCheck(caller, connection.id()).tokens();
		expireStoredToken(connection);
		fake.gitlab().expireAccessTokens();

		checkFromList(connection).andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.check.OK", "lab-refresh")));

		assertThat(fake.gitlab().tokenRequests().getLast()).containsEntry("grant_type", "refresh_token")
			.containsEntry("refresh_token", before.refreshToken())
			.containsEntry("redirect_uri", redirectUri);
		ProviderTokens after = connections.credentialsForCheck(caller, connection.id()).tokens();
		assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
		assertThat(fake.gitlab().refreshTokenActive(before.refreshToken())).as("the used refresh token died").isFalse();
		assertThat(fake.gitlab().refreshTokenActive(after.refreshToken())).isTrue();
		assertThat(after.redirectUri()).as("kept for the next refresh").isEqualTo(redirectUri);

		// The next refresh, with the rotated token, names the same redirect URI again.
		expireStoredToken(connection);
		fake.gitlab().expireAccessTokens();
		checkFromList(connection).andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.check.OK", "lab-refresh")));
		assertThat(fake.gitlab().tokenRequests().getLast()).containsEntry("refresh_token", after.refreshToken())
			.containsEntry("redirect_uri", redirectUri);
	}

	@Test
	void aRevokedAuthorizationMakesTheConnectionErrorOnceItsRefreshIsRefused() throws Exception {
		Connection connection = availableConnection("lab-revoked", ProviderType.GITLAB);
		fake.gitlab().revokeAll();

		checkFromList(connection).andExpect(flash().attribute(Flash.ATTRIBUTE,
				new Flash("error", "flash.check.REFRESH_REJECTED", "lab-revoked")));

		Connection broken = connections.get(caller, connection.id());
		assertThat(broken.status()).isEqualTo(ConnectionStatus.ERROR);
		assertThat(broken.lastCheck().detail()).isEqualTo(CheckOutcome.REFRESH_REJECTED.name());
	}

	@Test
	void projectsAreReadAcrossEveryPageTheLinkHeaderNames() throws Exception {
		Connection connection = availableConnection("lab-repos", ProviderType.GITLAB);
		fake.gitlab().repositories(names("lab-team/project-", 130), true);

		repositories(connection, "?page=13")
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"repositories-counter\">(130)</span>")))
			.andExpect(content().string(containsString(">lab-team/project-130</a>")))
			.andExpect(content().string(containsString("<td>Private</td>")))
			.andExpect(content().string(containsString("<td>trunk</td>")));

		assertThat(fake.gitlab().apiRequests()).containsExactly(
				"/gitlab/api/v4/projects?membership=true&order_by=last_activity_at&per_page=100",
				"/gitlab/api/v4/projects?membership=true&order_by=last_activity_at&per_page=100&page=2");
	}

	@Test
	void withoutALinkHeaderTheNextPageIsTheOneXNextPageNames() throws Exception {
		Connection connection = availableConnection("lab-next-page", ProviderType.GITLAB);
		fake.gitlab().repositories(names("lab-team/app-", 250), false);
		fake.gitlab().nextPageInHeaderOnly();

		repositories(connection, "?page=25")
			.andExpect(content().string(containsString("id=\"repositories-counter\">(250)</span>")))
			.andExpect(content().string(containsString(">lab-team/app-250</a>")))
			.andExpect(content().string(containsString("<td>Public</td>")));

		assertThat(fake.gitlab().apiRequests()).hasSize(3).allSatisfy((request) -> assertThat(
				UriComponentsBuilder.fromUri(URI.create(request)).build().getQueryParams().toSingleValueMap())
			.containsEntry("membership", "true")
			.containsEntry("per_page", "100"));
		assertThat(fake.gitlab().apiRequests().getLast()).endsWith("&page=3");
	}

	@Test
	void aProjectInSubgroupsIsListedByItsWholePathAndItsBranchesAskedByItEncoded() throws Exception {
		Connection connection = availableConnection("lab-branches", ProviderType.GITLAB);
		fake.gitlab().repositories(List.of("lab-team/platform/service"), true);
		fake.gitlab().branches("lab-team/platform/service", names("topic-", 120));

		repositories(connection, "")
			.andExpect(content().string(containsString(">lab-team/platform/service</a>")));
		repositories(connection, "?repository=lab-team/platform/service")
			.andExpect(content().string(containsString("Branches of lab-team/platform/service")))
			.andExpect(content().string(containsString("<td>topic-001</td>")))
			.andExpect(content().string(containsString("<td>topic-120</td>")));

		assertThat(fake.gitlab().apiRequests()).contains(
				"/gitlab/api/v4/projects/lab-team%2Fplatform%2Fservice/repository/branches?per_page=100",
				"/gitlab/api/v4/projects/lab-team%2Fplatform%2Fservice/repository/branches?per_page=100&page=2");
	}

}
