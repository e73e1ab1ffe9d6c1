package io.connectionsconsole.support;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
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
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * An OpenID Connect provider for the tests, one WireMock server for the run: its discovery document, its keys (JWKS,
 * which can rotate) and a token endpoint each test sets to the ID token it wants, signed with Nimbus. The console
 * knows it as the identity provider {@code corp}, whose people land in the default account.
 */
public final class FakeIdentityProvider {

	public static final String ID = "corp";

	public static final String CLIENT_ID = "console-client";

	public static final String CLIENT_SECRET = "console-client-secret-for-tests";

	public static final String ACCOUNT = "123456789012";

	private static FakeIdentityProvider instance;

	private final WireMockServer server;

	private RSAKey key;

	private FakeIdentityProvider() {
		server = new WireMockServer(options().dynamicPort());
		server.start();
		key = newKey();
		server.stubFor(WireMock.get(urlPathEqualTo("/.well-known/openid-configuration")).willReturn(okJson("""
				{"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token",
				 "jwks_uri": "%1$s/jwks", "response_types_supported": ["code"], "subject_types_supported": ["public"],
				 "id_token_signing_alg_values_supported": ["RS256"], "scopes_supported": ["openid", "profile", "email"],
				 "code_challenge_methods_supported": ["S256"]}""".formatted(issuer()))));
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
		answers(claims, key);
	}

	/** The token endpoint answers with these claims signed by another key than the published one. */
	public void answersSignedByAStranger(JWTClaimsSet claims) {
		answers(claims, newKey());
	}

	private void answers(JWTClaimsSet claims, RSAKey signer) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(), claims);
		try {
			jwt.sign(new RSASSASigner(signer));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		server.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"access_token": "idp-access-token", "token_type": "Bearer", "expires_in": 300, "id_token": "%s"}"""
				.formatted(jwt.serialize()))));
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
					"console.sign-in.identity-providers.corp.read-only-groups", "console-readers"))
				.applyTo(context);
		}

	}

}
