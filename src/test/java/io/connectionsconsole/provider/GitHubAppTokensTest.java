package io.connectionsconsole.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.crypto.SecretCipher;
import io.connectionsconsole.support.FakeGitHubApp;
import io.connectionsconsole.support.GitHubAppTest;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.SettableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The console as a GitHub App of a GitHub Enterprise Server: the JWTs it signs (checked with the app's public key:
 * RS256, issued by the app id, dated a minute back, living at most ten minutes) and the installation tokens it mints
 * with them at the server's API root, kept until five minutes before they expire, for the whole installation or
 * one repository with Contents read. The clock is the test's.
 */
@GitHubAppTest
class GitHubAppTokensTest {

	private final String tokens = FakeGitHubApp.get().apiPath("/app/installations/%d/access_tokens");

	private final FakeGitHubApp fake = FakeGitHubApp.get();

	private final SettableClock clock = new SettableClock();

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	ConsoleProperties properties;

	@Autowired
	GitHubClient github;

	@Autowired
	ProviderHttp http;

	@Autowired
	SecretCipher cipher;

	@Autowired
	GitHubInstallations installations;

	private GitHubApp app;

	@BeforeEach
	void freshApp() {
		FakeProviders.get().reset();
		app = new GitHubApp(properties, github, http, cipher, clock, installations);
	}

	private void tokensOf(long installation, String token, Instant expiresAt) {
		fake.server()
			.stubFor(post(urlPathEqualTo(tokens.formatted(installation))).willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody("""
						{"token": "%s", "expires_at": "%s", "permissions": {"contents": "read", "metadata": "read"},
						 "repository_selection": "selected"}""".formatted(token, expiresAt))));
	}

	private List<LoggedRequest> tokenRequests(long installation) {
		return fake.server().findAll(postRequestedFor(urlPathEqualTo(tokens.formatted(installation))));
	}

	private Jwt verified(String jwt) {
		return NimbusJwtDecoder.withPublicKey(fake.publicKey()).build().decode(jwt);
	}

	@Test
	void theAppsJwtIsSignedWithItsKeyIssuedByItsIdAndLivesAtMostTenMinutes() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		GitHubApp onTime = new GitHubApp(properties, github, http, cipher, Clock.fixed(now, ZoneOffset.UTC),
				installations);

		String token = onTime.jwt();
		Jwt jwt = verified(token);

		assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
		assertThat(jwt.getClaimAsString("iss")).isEqualTo(String.valueOf(FakeGitHubApp.APP_ID));
		assertThat(jwt.getIssuedAt()).isEqualTo(now.minusSeconds(60));
		assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isLessThanOrEqualTo(Duration.ofMinutes(10));
		assertThat(jwt.getExpiresAt()).isAfter(now);
	}

	@Test
	void anInstallationTokenIsMintedWithTheJwtAndKeptUntilFiveMinutesBeforeItExpires() throws Exception {
		tokensOf(7, "ghs_installationTokenOne", clock.instant().plus(Duration.ofHours(1)));

		GitHubApp.InstallationToken first = app.token(7, null);
		GitHubApp.InstallationToken again = app.token(7, null);

		assertThat(first.value()).isEqualTo("ghs_installationTokenOne");
		assertThat(again.value()).isEqualTo(first.value());
		assertThat(first.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
		List<LoggedRequest> requests = tokenRequests(7);
		assertThat(requests).hasSize(1);
		String authorization = requests.getFirst().getHeader("Authorization");
		assertThat(authorization).startsWith("Bearer ");
		assertThat(verified(authorization.substring(7)).getClaimAsString("iss"))
			.isEqualTo(String.valueOf(FakeGitHubApp.APP_ID));
		assertThat(requests.getFirst().getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
		assertThat(json.readTree(requests.getFirst().getBodyAsString()).isEmpty()).as("the whole installation").isTrue();

		clock.advance(Duration.ofMinutes(54));
		assertThat(app.token(7, null).value()).isEqualTo("ghs_installationTokenOne");
		assertThat(tokenRequests(7)).hasSize(1);

		tokensOf(7, "ghs_installationTokenTwo", clock.instant().plus(Duration.ofHours(1)));
		clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		assertThat(app.token(7, null).value()).isEqualTo("ghs_installationTokenTwo");
		assertThat(tokenRequests(7)).hasSize(2);
	}

	@Test
	void aTokenForOneRepositoryIsNarrowedToItWithContentsReadAndKeptApart() {
		tokensOf(8, "ghs_narrowed", clock.instant().plus(Duration.ofHours(1)));

		app.token(8, RepoName.parse("octo-org/widgets"));
		app.token(8, RepoName.parse("Octo-Org/Widgets"));
		app.token(8, null);

		List<LoggedRequest> requests = tokenRequests(8);
		assertThat(requests).hasSize(2);
		JsonNode narrowed = json.readTree(requests.get(0).getBodyAsString());
		assertThat(narrowed.path("repositories").size()).isEqualTo(1);
		assertThat(narrowed.path("repositories").get(0).asString()).isEqualTo("widgets");
		assertThat(narrowed.path("permissions").path("contents").asString()).isEqualTo("read");
		assertThat(narrowed.path("permissions").size()).as("no permission beyond reading").isEqualTo(2);
		assertThat(json.readTree(requests.get(1).getBodyAsString()).has("repositories")).isFalse();
	}

	@Test
	void forgettingAnInstallationMintsItsNextTokenAfresh() {
		tokensOf(9, "ghs_before", clock.instant().plus(Duration.ofHours(1)));
		app.token(9, null);

		app.forget(9);
		app.token(9, null);

		assertThat(tokenRequests(9)).hasSize(2);
	}

	@Test
	void aKeptTokenIsMintedAfreshOnceAnyInstanceTookAWebhookOfItsInstallation() {
		long installation = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
		GitHubInstallations.Installation record = new GitHubInstallations.Installation(installation, "octo-org",
				"Organization", "all", false, false, null);
		installations.keep(record, clock.instant().minusSeconds(60));
		tokensOf(installation, "ghs_before", clock.instant().plus(Duration.ofHours(1)));
		app.token(installation, null);
		app.token(installation, null);
		assertThat(tokenRequests(installation)).as("kept").hasSize(1);

		// another console instance took GitHub's word of new permissions accepted: it forgot its own tokens only
		clock.advance(Duration.ofSeconds(5));
		installations.keep(record, clock.instant());
		app.token(installation, null);

		assertThat(tokenRequests(installation)).hasSize(2);

		// another webhook, and then a handshake keeps the installation as GitHub listed it before the token was minted:
		// the webhook's time stands
		clock.advance(Duration.ofSeconds(5));
		installations.keep(record, clock.instant());
		installations.keepAsListed(record, clock.instant().minusSeconds(20));
		app.token(installation, null);

		assertThat(tokenRequests(installation)).hasSize(3);
	}

	@Test
	void anInstallationGitHubDoesNotKnowIsRefusedAsNotFound() {
		fake.server()
			.stubFor(post(urlPathEqualTo(tokens.formatted(404)))
				.willReturn(aResponse().withStatus(404).withBody("{\"message\": \"Not Found\"}")));

		assertThatExceptionOfType(ProviderCallException.class).isThrownBy(() -> app.token(404, null))
			.satisfies((ex) -> assertThat(ex.notFound()).isTrue());
	}

	@Test
	void theInstallPageIsTheAppsOnTheConfiguredGitHub() {
		assertThat(app.installUri("state-1_2").toString()).isEqualTo(
				fake.baseUrl() + "/apps/" + FakeGitHubApp.SLUG + "/installations/new?state=state-1_2");
	}

}
