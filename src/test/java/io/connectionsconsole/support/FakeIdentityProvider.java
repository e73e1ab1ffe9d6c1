package io.connectionsconsole.support;

import java.time.Duration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * An OpenID Connect provider for the tests, one WireMock server for the run: its discovery document (with an
 * {@code end_session_endpoint}), its keys (JWKS, which can rotate), an authorize page with a *Sign in* link for the
 * person it is told signs in next, and a token endpoint that answers a code with that person's ID token, signed with
 * Nimbus and carrying the nonce the authorize request brought. A test can also have the next token answer with claims
 * of its own. The console knows it as the identity provider {@code corp}, whose people land in the default account.
 */
public final class FakeIdentityProvider implements ResponseDefinitionTransformerV2 {

	public static final String ID = "corp";

	public static final String CLIENT_ID = "console-client";

	public static final String CLIENT_SECRET = "console-client-secret-for-tests";

	public static final String ACCOUNT = "123456789012";

	private static FakeIdentityProvider instance;

	/** How long the console waits for an answer of the provider in these tests. */
	public static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

	private final WireMockServer server;

	private final Map<String, String> nonces = new ConcurrentHashMap<>();

	private volatile RSAKey key = newKey();

	private volatile Person next = new Person("sub-default", "default.person", List.of());

	private volatile Signed answer;

	private FakeIdentityProvider() {
		server = new WireMockServer(options().dynamicPort().extensions(this));
		server.start();
		server.stubFor(WireMock.get(urlPathEqualTo("/.well-known/openid-configuration")).willReturn(okJson("""
				{"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token",
				 "jwks_uri": "%1$s/jwks", "end_session_endpoint": "%1$s/end_session",
				 "response_types_supported": ["code"], "subject_types_supported": ["public"],
				 "id_token_signing_alg_values_supported": ["RS256"], "scopes_supported": ["openid", "profile", "email"],
				 "code_challenge_methods_supported": ["S256"]}""".formatted(issuer()))));
		server.stubFor(any(urlPathEqualTo("/authorize")).willReturn(aResponse().withTransformers(getName())));
		server.stubFor(any(urlPathEqualTo("/token")).willReturn(aResponse().withTransformers(getName())));
		server.stubFor(WireMock.get(urlPathEqualTo("/end_session")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html; charset=utf-8")
			.withBody("<!DOCTYPE html><html lang=\"en\"><head><title>Signed out</title></head>"
					+ "<body><h1>Signed out of Corp SSO</h1></body></html>")));
		publishKeys();
	}

	public static synchronized FakeIdentityProvider get() {
		if (instance == null) {
			instance = new FakeIdentityProvider();
		}
		return instance;
	}

	public WireMockServer server() {
		return server;
	}

	public String issuer() {
		return "http://localhost:" + server.port();
	}

	/** A new signing key, published in place of the old one: tokens signed with the old one no longer verify. */
	public synchronized void rotateKey() {
		key = newKey();
		publishKeys();
	}

	private void publishKeys() {
		server.stubFor(WireMock.get(urlPathEqualTo("/jwks")).willReturn(okJson(new JWKSet(key.toPublicJWK()).toString())));
	}

	private static RSAKey newKey() {
		try {
			return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Who signs in at the authorize page from now on. */
	public void nextSignIn(String subject, String preferredUsername, List<String> groups) {
		next = new Person(subject, preferredUsername, groups);
	}

	/** The claims of a good ID token for this person and nonce, to change before {@link #answers}. */
	public JWTClaimsSet.Builder idToken(String subject, String preferredUsername, List<String> groups, String nonce) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(issuer())
			.audience(CLIENT_ID)
			.subject(subject)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.claim("nonce", nonce)
			.claim("preferred_username", preferredUsername)
			.claim("groups", groups);
	}

	/** The token endpoint answers the next code with these claims, signed with the current key. */
	public void answers(JWTClaimsSet claims) {
		answer = new Signed(claims, null);
	}

	/** The token endpoint answers the next code with these claims signed by another key than the published one. */
	public void answersSignedByAStranger(JWTClaimsSet claims) {
		answer = new Signed(claims, newKey());
	}

	@Override
	public String getName() {
		return "fake-identity-provider";
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Request request = serveEvent.getRequest();
		return request.getUrl().startsWith("/authorize") ? authorize(FakeProvider.query(request.getUrl()))
				: token(FakeProvider.query("?" + request.getBodyAsString()));
	}

	private ResponseDefinition authorize(Map<String, String> query) {
		String code = UUID.randomUUID().toString();
		nonces.put(code, query.getOrDefault("nonce", ""));
		String back = query.get("redirect_uri") + "?code=" + code + "&state="
				+ URLEncoder.encode(query.getOrDefault("state", ""), StandardCharsets.UTF_8);
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html; charset=utf-8")
			.withBody("""
					<!DOCTYPE html><html lang="en"><head><title>Corp SSO</title></head><body>
					<h1>Corp SSO</h1><a id="idp-sign-in" href="%s">Sign in as %s</a></body></html>"""
				.formatted(back.replace("&", "&amp;"), next.name()))
			.build();
	}

	private ResponseDefinition token(Map<String, String> form) {
		Signed signed = answer;
		answer = null;
		if (signed == null) {
			Person person = next;
			String nonce = nonces.remove(form.getOrDefault("code", ""));
			if (nonce == null) {
				return aResponse().withStatus(400).withHeader("Content-Type", "application/json")
					.withBody("{\"error\": \"invalid_grant\"}").build();
			}
			signed = new Signed(idToken(person.subject(), person.name(), person.groups(), nonce).build(), null);
		}
		RSAKey signer = signed.key() != null ? signed.key() : key;
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
				signed.claims());
		try {
			jwt.sign(new RSASSASigner(signer));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"access_token": "idp-access-token", "token_type": "Bearer", "expires_in": 300, "id_token": "%s"}"""
				.formatted(jwt.serialize()))
			.build();
	}

	private record Person(String subject, String name, List<String> groups) {
	}

	private record Signed(JWTClaimsSet claims, RSAKey key) {
	}

	/** The console with {@code corp} as an identity provider: Administrators from one group, Read-only from another. */
	public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			FakeIdentityProvider idp = get();
			TestPropertyValues.of(Map.of(
					"spring.security.oauth2.client.registration.corp.client-id", CLIENT_ID,
					"spring.security.oauth2.client.registration.corp.client-secret", CLIENT_SECRET,
					"spring.security.oauth2.client.provider.corp.issuer-uri", idp.issuer(),
					"console.sign-in.identity-providers.corp.display-name", "Corp SSO",
					"console.sign-in.identity-providers.corp.account", ACCOUNT,
					"console.sign-in.identity-providers.corp.admin-groups", "console-admins",
					"console.sign-in.identity-providers.corp.read-only-groups", "console-readers",
					"console.providers.read-timeout", READ_TIMEOUT.toSeconds() + "s"))
				.applyTo(context);
		}

	}

	/** {@link Initializer}, with passwords turned off but for the bootstrap administrator {@code admin}. */
	public static final class WithoutPasswords implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			new Initializer().initialize(context);
			TestPropertyValues.of("console.sign-in.passwords=false", "console.sign-in.break-glass-user=admin")
				.applyTo(context);
		}

	}

}
