package io.connectionsconsole.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import io.connectionsconsole.host.HostProbe;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One WireMock server for the whole test run, playing GitHub under {@code /github}, Bitbucket under
 * {@code /bitbucket} and GitLab under {@code /gitlab}. {@link Initializer} points the console's client registrations and API URLs at it; test
 * contexts that use the same initializer share one Spring context.
 */
public final class FakeProviders {

	public static final String GITHUB_CLIENT_ID = "Iv1.fakegithubclient";

	public static final String GITHUB_CLIENT_SECRET = "github-client-secret-for-tests";

	public static final String BITBUCKET_CLIENT_ID = "fakeBitbucketKey";

	public static final String BITBUCKET_CLIENT_SECRET = "bitbucket-client-secret-for-tests";

	public static final String GITLAB_CLIENT_ID = "fake-gitlab-application-id";

	public static final String GITLAB_CLIENT_SECRET = "gloas-gitlab-client-secret-for-tests";

	public static final String SELF_MANAGED_CLIENT_ID = "fake-self-managed-application-id";

	public static final String SELF_MANAGED_CLIENT_SECRET = "gloas-self-managed-secret-for-tests";

	public static final String ENTERPRISE_CLIENT_ID = "Iv1.fakeenterpriseclient";

	public static final String ENTERPRISE_CLIENT_SECRET = "enterprise-client-secret-for-tests";

	/** How long the console waits for a provider in tests; a slow fake answers after {@link #SLOW_MILLIS}. */
	public static final String READ_TIMEOUT = "PT2S";

	public static final int SLOW_MILLIS = 3000;

	private static final Pattern AUTHORIZE_LINK = Pattern.compile("id=\"authorize\" href=\"([^\"]+)\"");

	private static FakeProviders instance;

	private final WireMockServer server;

	private final FakeProvider github = new FakeProvider(FakeProvider.Kind.GITHUB, GITHUB_CLIENT_ID,
			GITHUB_CLIENT_SECRET);

	private final FakeProvider bitbucket = new FakeProvider(FakeProvider.Kind.BITBUCKET, BITBUCKET_CLIENT_ID,
			BITBUCKET_CLIENT_SECRET);

	private final FakeProvider gitlab = new FakeProvider(FakeProvider.Kind.GITLAB, GITLAB_CLIENT_ID,
			GITLAB_CLIENT_SECRET);

	private final FakeProvider selfManaged = new FakeProvider(FakeProvider.Kind.GITLAB, "/selfmanaged", "/api/v4",
			SELF_MANAGED_CLIENT_ID, SELF_MANAGED_CLIENT_SECRET);

	private final FakeProvider enterprise = new FakeProvider(FakeProvider.Kind.GITHUB, "/enterprise", "/api/v3",
			ENTERPRISE_CLIENT_ID, ENTERPRISE_CLIENT_SECRET);

	private final List<FakeProvider> all = List.of(github, bitbucket, gitlab, selfManaged, enterprise);

	/** The private certificate authority of the server's https port, which a host may be told to trust. */
	private final PrivateCa ca;

	private FakeProviders() {
		try {
			ca = PrivateCa.create(Files.createTempDirectory("fake-providers-ca-"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		server = new WireMockServer(options().dynamicPort()
			.dynamicHttpsPort()
			.keystorePath(ca.serverKeyStore().toString())
			.keystoreType("PKCS12")
			.keystorePassword(PrivateCa.PASSWORD)
			.keyManagerPassword(PrivateCa.PASSWORD)
			.notifier(new QuietNotifier())
			.extensions(all.toArray(FakeProvider[]::new)));
		server.start();
		all.forEach((fake) -> fake.attach(server));
		reset();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
	}

	public static synchronized FakeProviders get() {
		if (instance == null) {
			instance = new FakeProviders();
		}
		return instance;
	}

	public FakeProvider github() {
		return github;
	}

	public FakeProvider bitbucket() {
		return bitbucket;
	}

	public FakeProvider gitlab() {
		return gitlab;
	}

	/** A GitLab self-managed at {@code {baseUrl}/selfmanaged}, for a host. */
	public FakeProvider selfManagedGitLab() {
		return selfManaged;
	}

	/** A GitHub Enterprise Server at {@code {baseUrl}/enterprise}, its API at {@code /api/v3}, for a host. */
	public FakeProvider enterpriseServer() {
		return enterprise;
	}

	/** The WireMock server itself, for stubs of endpoints the fake providers don't play. */
	public WireMockServer server() {
		return server;
	}

	/** The fakes over plain http (WireMock's own base URL is its https one once that is on). */
	public String baseUrl() {
		return "http://localhost:" + server.port();
	}

	/** The same fakes over TLS, with a certificate for {@code localhost} that {@link #caPem()}'s authority issued. */
	public String httpsBaseUrl() {
		return "https://localhost:" + server.httpsPort();
	}

	/** The certificate (PEM) of the private authority that issued the https port's certificate. */
	public String caPem() {
		return ca.caPem();
	}

	/** A browser's TLS trust: the JDK's authorities and the fakes' private one. */
	public static SSLContext trust() {
		return HostProbe.sslContext(HostProbe.caCertificates(get().caPem()));
	}

	/**
	 * The Authorize link of the provider page at {@code authorizeUrl} (where the console sent the browser): the
	 * provider's redirect back to the console's callback, with a code and the state.
	 */
	public static URI authorizeLink(String authorizeUrl) {
		try {
			String page = HttpClient.newBuilder().sslContext(trust()).build()
				.send(HttpRequest.newBuilder(URI.create(authorizeUrl)).build(), HttpResponse.BodyHandlers.ofString())
				.body();
			Matcher link = AUTHORIZE_LINK.matcher(page);
			if (!link.find()) {
				throw new IllegalStateException("No Authorize link on the provider page: " + page);
			}
			return URI.create(link.group(1).replace("&amp;", "&"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Forgets every failure switched on, every code and token issued. */
	public void reset() {
		server.resetAll();
		all.forEach(FakeProvider::resetState);
		all.forEach(FakeProvider::stubDefaults);
	}

	/** The properties an operator would set, pointing at the fake providers. */
	public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			FakeProviders fake = get();
			String base = fake.baseUrl();
			TestPropertyValues.of(
					"spring.security.oauth2.client.registration.github.client-id=" + GITHUB_CLIENT_ID,
					"spring.security.oauth2.client.registration.github.client-secret=" + GITHUB_CLIENT_SECRET,
					"spring.security.oauth2.client.provider.github.authorization-uri=" + fake.github.authorizationUri(base),
					"spring.security.oauth2.client.provider.github.token-uri=" + fake.github.tokenUri(base),
					"spring.security.oauth2.client.provider.github.user-info-uri=" + fake.github.userInfoUri(base),
					"console.providers.github.api-url=" + fake.github.apiUrl(base),
					"spring.security.oauth2.client.registration.bitbucket.client-id=" + BITBUCKET_CLIENT_ID,
					"spring.security.oauth2.client.registration.bitbucket.client-secret=" + BITBUCKET_CLIENT_SECRET,
					"spring.security.oauth2.client.provider.bitbucket.authorization-uri="
							+ fake.bitbucket.authorizationUri(base),
					"spring.security.oauth2.client.provider.bitbucket.token-uri=" + fake.bitbucket.tokenUri(base),
					"spring.security.oauth2.client.provider.bitbucket.user-info-uri=" + fake.bitbucket.userInfoUri(base),
					"console.providers.bitbucket.api-url=" + fake.bitbucket.apiUrl(base),
					"spring.security.oauth2.client.registration.gitlab.client-id=" + GITLAB_CLIENT_ID,
					"spring.security.oauth2.client.registration.gitlab.client-secret=" + GITLAB_CLIENT_SECRET,
					"spring.security.oauth2.client.provider.gitlab.authorization-uri=" + fake.gitlab.authorizationUri(base),
					"spring.security.oauth2.client.provider.gitlab.token-uri=" + fake.gitlab.tokenUri(base),
					"spring.security.oauth2.client.provider.gitlab.user-info-uri=" + fake.gitlab.userInfoUri(base),
					"console.providers.gitlab.api-url=" + fake.gitlab.apiUrl(base),
					"console.providers.read-timeout=" + READ_TIMEOUT)
				.applyTo(context);
		}

	}

	/** WireMock's own chatter stays out of the captured output that tests search for secrets. */
	private static final class QuietNotifier implements Notifier {

		@Override
		public void info(String message) {
		}

		@Override
		public void error(String message) {
			System.err.println("WireMock: " + message.lines().findFirst().orElse(""));
		}

		@Override
		public void error(String message, Throwable t) {
			error(message);
		}

	}

}
