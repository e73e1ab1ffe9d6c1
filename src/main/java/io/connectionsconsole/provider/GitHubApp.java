package io.connectionsconsole.provider;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.crypto.SecretCipher;

/**
 * The console as a GitHub App ({@code console.providers.github.mode=app}). It signs its own JWTs with the app's
 * private key (RS256, issued by the app id, dated {@link #JWT_BACKDATE} back against clock drift, valid
 * {@link #JWT_LIFETIME}: GitHub takes ten minutes at most) and mints installation tokens with them, for the whole
 * installation or narrowed to one repository with Contents read. An installation token lasts an hour; one is kept,
 * sealed by {@link SecretCipher}, until {@link #RENEW_BEFORE} its end, so that a clone or a listing doesn't mint one
 * per request. In the OAuth App mode there is no app: {@link #enabled()} is false and the rest refuses.
 */
@Component
public class GitHubApp {

	static final Duration JWT_BACKDATE = Duration.ofSeconds(60);

	static final Duration JWT_LIFETIME = Duration.ofMinutes(9);

	static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

	private final ConsoleProperties.Provider settings;

	private final GitHubClient github;

	private final GitHubClient installationClient;

	private final RestClient rest;

	private final SecretCipher cipher;

	private final Clock clock;

	private final JwtEncoder signer;

	private final Map<TokenKey, SealedToken> tokens = new ConcurrentHashMap<>();

	private final GitHubInstallations installations;

	GitHubApp(ConsoleProperties properties, GitHubClient github, ProviderHttp http, SecretCipher cipher, Clock clock,
			GitHubInstallations installations) {
		this.settings = properties.providers().github();
		this.github = github;
		this.installationClient = github.asInstallation();
		this.rest = RestClient.builder().requestFactory(http.requestFactory()).build();
		this.cipher = cipher;
		this.clock = clock;
		this.installations = installations;
		this.signer = enabled() ? signer(settings.app().privateKeyPem()) : null;
	}

	private static JwtEncoder signer(String pem) {
		PrivateKey read;
		try {
			read = PemContent.of(pem).getPrivateKey();
		}
		catch (RuntimeException ex) {
			read = null; // what the parser says of it may quote the key
		}
		if (!(read instanceof RSAPrivateCrtKey key)) {
			throw new IllegalStateException("console.providers.github.app.private-key (or private-key-file) is not an "
					+ "RSA private key in PEM, as GitHub gives it (-----BEGIN RSA PRIVATE KEY-----)");
		}
		try {
			RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
			return NimbusJwtEncoder.withKeyPair(publicKey, key).build();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The GitHub App's private key can't be used", ex);
		}
	}

	/** Whether the console is a GitHub App. */
	public boolean enabled() {
		return settings.mode() == ConsoleProperties.Mode.APP;
	}

	/** The app's settings; their secrets stay here. */
	public ConsoleProperties.App app() {
		return settings.app();
	}

	/** GitHub's API as an installation token reads it. */
	ProviderClient installationClient() {
		return installationClient;
	}

	/** A new JWT of the app, for the {@code /app} endpoints. */
	String jwt() {
		requireEnabled();
		Instant now = clock.instant();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(String.valueOf(settings.app().id()))
			.issuedAt(now.minus(JWT_BACKDATE))
			.expiresAt(now.plus(JWT_LIFETIME))
			.build();
		return signer.encode(JwtEncoderParameters.from(claims)).getTokenValue();
	}

	/**
	 * A token of the installation that reads every repository it grants ({@code repository} null) or that one
	 * repository only, with Contents read; a kept one while it has more than {@link #RENEW_BEFORE} to live and GitHub
	 * has told nothing of the installation since it was minted (its webhooks, taken by any console instance, keep
	 * its record: new permissions accepted, repositories added or removed). A {@link ProviderCallException} when
	 * GitHub refuses: 404 when the installation is gone, 422 when it doesn't grant the repository.
	 */
	public InstallationToken token(long installation, RepoName repository) {
		requireEnabled();
		TokenKey key = new TokenKey(installation, repository == null ? null : repository.fullName().toLowerCase());
		Instant now = clock.instant();
		SealedToken kept = tokens.get(key);
		if (kept != null && kept.expiresAt().isAfter(now.plus(RENEW_BEFORE))
				&& !installations.changedSince(installation, kept.mintedAt())) {
			return new InstallationToken(cipher.decrypt(kept.sealed()), kept.expiresAt());
		}
		InstallationToken minted = mint(installation, repository);
		tokens.put(key, new SealedToken(cipher.encrypt(minted.value()), minted.expiresAt(), now));
		return minted;
	}

	/** Forgets the installation's kept tokens: it was deleted, suspended, or its repositories changed. */
	public void forget(long installation) {
		tokens.keySet().removeIf((key) -> key.installation() == installation);
	}

	private InstallationToken mint(long installation, RepoName repository) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (repository != null) {
			body.put("repositories", List.of(repository.name()));
			body.put("permissions", Map.of("contents", "read", "metadata", "read"));
		}
		JsonNode answer;
		try {
			answer = rest.post()
				.uri(github.api().path("/app/installations/{id}/access_tokens").buildAndExpand(installation).toUri())
				.headers(asGitHubWants(jwt()))
				.contentType(MediaType.APPLICATION_JSON)
				.body(body)
				.retrieve()
				.body(JsonNode.class);
		}
		catch (RuntimeException ex) {
			throw ProviderCallException.of(ex);
		}
		String token = (answer == null) ? null : ProviderJson.text(answer.path("token"));
		Instant expiresAt;
		try {
			expiresAt = Instant.parse(answer == null ? "" : answer.path("expires_at").asString(""));
		}
		catch (DateTimeParseException ex) {
			throw ProviderCallException.unexpected("GitHub's installation token has no expiry", ex);
		}
		if (token == null) {
			throw ProviderCallException.unexpected("GitHub's answer holds no installation token", null);
		}
		return new InstallationToken(token, expiresAt);
	}

	/**
	 * The app's installations the user can use, asked with their user-to-server token ({@code GET /user/installations},
	 * the first {@value ProviderApi#PAGE_LENGTH}): those on their own account and on organizations where they may.
	 */
	public List<GitHubInstallations.Installation> userInstallations(String userToken) {
		requireEnabled();
		JsonNode answer;
		try {
			answer = rest.get()
				.uri(github.api().path("/user/installations").queryParam("per_page", ProviderApi.PAGE_LENGTH).build().toUri())
				.headers(asGitHubWants(userToken))
				.retrieve()
				.body(JsonNode.class);
		}
		catch (RuntimeException ex) {
			throw ProviderCallException.of(ex);
		}
		List<GitHubInstallations.Installation> installations = new ArrayList<>();
		for (JsonNode installation : (answer == null) ? List.<JsonNode>of() : answer.path("installations").values()) {
			if (installation.path("id").asLong(0) > 0 && ProviderJson.text(installation.path("account").path("login")) != null) {
				installations.add(GitHubInstallations.Installation.of(installation, installation));
			}
		}
		return installations;
	}

	/** The page of a GitHub account, user or organization. */
	public String accountUrl(String login) {
		return UriComponentsBuilder.fromUri(settings.gitUrl()).path("/{login}").buildAndExpand(login).encode()
			.toUriString();
	}

	/** GitHub's headers, with {@code bearer} (the app's JWT or a user's token) as the credentials. */
	private Consumer<HttpHeaders> asGitHubWants(String bearer) {
		return (headers) -> {
			github.addHeaders(headers);
			headers.setBearerAuth(bearer);
		};
	}

	/** Where a user installs the app on an account of theirs; GitHub sends them to the Setup URL with the state. */
	public URI installUri(String state) {
		return UriComponentsBuilder.fromUri(settings.gitUrl())
			.path("/apps/{slug}/installations/new")
			.queryParam("state", state)
			.buildAndExpand(settings.app().slug())
			.encode()
			.toUri();
	}

	private void requireEnabled() {
		if (!enabled()) {
			throw new IllegalStateException("The console is not a GitHub App: console.providers.github.mode is oauth-app");
		}
	}

	/** An installation token and when GitHub lets it expire. */
	public record InstallationToken(String value, Instant expiresAt) {

		@Override
		public String toString() {
			return "InstallationToken[expiresAt=" + expiresAt + "]";
		}

	}

	private record TokenKey(long installation, String repository) {
	}

	private record SealedToken(String sealed, Instant expiresAt, Instant mintedAt) {
	}

}
