package io.connectionsconsole.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The fake GitHub of {@link FakeProviders} as a GitHub Enterprise Server with the console registered as a GitHub App:
 * the same OAuth2 endpoints and API root, its web root at {@link #baseUrl()}; the app's own endpoints are stubbed by
 * each test on the same WireMock server. The app's key pair is made for the run; the console gets its private key as
 * GitHub hands it out (PKCS#1 PEM), the tests keep the public key to check the app's JWTs. The webhook secret is the
 * one of GitHub's published signature example.
 */
public final class FakeGitHubApp {

	public static final long APP_ID = 424242;

	public static final String SLUG = "connections-console-test";

	/** GitHub's example: this secret signs "Hello, World!" as {@link #EXAMPLE_SIGNATURE}. */
	public static final String WEBHOOK_SECRET = "It's a Secret to Everybody";

	public static final String EXAMPLE_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

	private static FakeGitHubApp instance;

	private final KeyPair keys;

	private FakeGitHubApp() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			keys = generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static synchronized FakeGitHubApp get() {
		if (instance == null) {
			instance = new FakeGitHubApp();
		}
		return instance;
	}

	public WireMockServer server() {
		return FakeProviders.get().server();
	}

	/** The web root: GitHub's pages, such as an app's install page, are under it. */
	public String baseUrl() {
		return FakeProviders.get().baseUrl() + "/github";
	}

	/** The API root, as {@code console.providers.github.api-url} names it (a GitHub Enterprise Server's {@code /api/v3}). */
	public String apiUrl() {
		return FakeProviders.get().github().apiUrl(FakeProviders.get().baseUrl());
	}

	/** The path of an API endpoint on the WireMock server. */
	public String apiPath(String path) {
		return URI.create(apiUrl()).getPath() + path;
	}

	public RSAPublicKey publicKey() {
		return (RSAPublicKey) keys.getPublic();
	}

	/**
	 * The private key as GitHub's app settings page downloads it: {@code BEGIN RSA PRIVATE KEY}, PKCS#1. The JDK
	 * encodes PKCS#8, whose last element is the PKCS#1 key; for a 2048-bit key its header is 26 bytes.
	 */
	public String privateKeyPkcs1Pem() {
		byte[] pkcs8 = keys.getPrivate().getEncoded();
		return pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length));
	}

	/** The same key as PKCS#8 ({@code BEGIN PRIVATE KEY}), as {@code openssl pkcs8} converts it. */
	public String privateKeyPkcs8Pem() {
		return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	/** {@code X-Hub-Signature-256} of the body with the webhook secret, as GitHub signs a delivery. */
	public static String signature(byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The console as a GitHub App of the fake GitHub Enterprise Server. */
	public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			new FakeProviders.Initializer().initialize(context);
			FakeGitHubApp fake = get();
			TestPropertyValues.of("console.providers.github.mode=app",
					"console.providers.github.app.id=" + APP_ID,
					"console.providers.github.app.slug=" + SLUG,
					"console.providers.github.app.private-key=" + fake.privateKeyPkcs1Pem(),
					"console.providers.github.app.webhook-secret=" + WEBHOOK_SECRET,
					"console.providers.github.api-url=" + fake.apiUrl(),
					"console.providers.github.git-url=" + fake.baseUrl())
				.applyTo(context);
		}

	}

}
