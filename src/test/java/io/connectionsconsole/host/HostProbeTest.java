package io.connectionsconsole.host;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import tools.jackson.databind.json.JsonMapper;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.support.ConsoleProcess;
import io.connectionsconsole.support.PrivateCa;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A host's server as the console finds it: a GitHub Enterprise Server over TLS with a certificate of a private CA (the
 * test's own), and a GitLab self-managed, each at its own base URL; the addresses, URLs and certificates refused before
 * any request.
 */
class HostProbeTest {

	@TempDir
	static Path certificates;

	private static PrivateCa ca;

	/** A GitHub Enterprise Server under {@code /ghe}, served over TLS with the private CA's certificate. */
	private static WireMockServer enterprise;

	/** A GitLab self-managed under {@code /gitlab}, over plain http. */
	private static WireMockServer gitlab;

	@BeforeAll
	static void servers() throws Exception {
		ca = PrivateCa.create(certificates);
		enterprise = new WireMockServer(options().dynamicPort()
			.dynamicHttpsPort()
			.keystorePath(ca.serverKeyStore().toString())
			.keystoreType("PKCS12")
			.keystorePassword(PrivateCa.PASSWORD)
			.keyManagerPassword(PrivateCa.PASSWORD));
		enterprise.start();
		enterprise.stubFor(get(urlPathEqualTo("/ghe/api/v3/meta"))
			.willReturn(okJson("{\"verifiable_password_authentication\":true,\"installed_version\":\"3.14.2\"}")));
		gitlab = new WireMockServer(options().dynamicPort());
		gitlab.start();
		gitlab.stubFor(get(urlPathEqualTo("/gitlab/api/v4/version"))
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\":\"401 Unauthorized\"}")));
		gitlab.stubFor(get(urlPathEqualTo("/trickling/api/v4/version"))
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\":\"401 Unauthorized\"}")
				.withChunkedDribbleDelay(10, 6_000)));
		gitlab.stubFor(get(urlPathEqualTo("/large/api/v4/version"))
			.willReturn(okJson("{\"message\":\"" + "x".repeat(100_000) + "\"}")));
	}

	@AfterAll
	static void stop() {
		enterprise.stop();
		gitlab.stop();
	}

	private static HostProbe probe(boolean allowPrivateNetworks) {
		ConsoleProperties properties = new Binder(new MapConfigurationPropertySource(
				Map.of("console.hosts.allow-private-networks", String.valueOf(allowPrivateNetworks),
						"console.providers.read-timeout", "2s", "console.providers.connect-timeout", "2s")))
			.bindOrCreate("console", ConsoleProperties.class);
		return new HostProbe(properties, JsonMapper.builder().build());
	}

	private static URI enterpriseUrl() {
		return URI.create("https://localhost:" + enterprise.httpsPort() + "/ghe");
	}

	private static URI gitlabUrl() {
		return URI.create("http://localhost:" + gitlab.port() + "/gitlab");
	}

	@Test
	void aServerWithAPrivateCasCertificateVerifiesWithThatCaAndIsWhatItSays() {
		HostProbe.Finding finding = probe(true).probe(HostType.GITHUB_ENTERPRISE_SERVER, enterpriseUrl(), ca.caPem());

		assertThat(finding.status()).isEqualTo(HostStatus.AVAILABLE);
		assertThat(finding.reason()).isNull();
	}

	@Test
	void withoutItsCaTheCertificateDoesntVerifyAndTheRefusalSaysToAddTheCa() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> probe(true).probe(HostType.GITHUB_ENTERPRISE_SERVER, enterpriseUrl(), null))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("CaCertificate"))
			.withMessageContaining("doesn't verify")
			.withMessageContaining("add that authority's certificate");
	}

	@Test
	void aGitLabAnswersItsVersionWithItsOwn401() {
		assertThat(probe(true).probe(HostType.GITLAB_SELF_MANAGED, gitlabUrl(), null).status())
			.isEqualTo(HostStatus.AVAILABLE);
	}

	@Test
	void aServerThatAnswersAsTheOtherTypeIsRefusedAtTheProviderType() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> probe(true).probe(HostType.GITHUB_ENTERPRISE_SERVER, gitlabUrl(), null))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("ProviderType"))
			.withMessageContaining("answers as GitLab self-managed, not as GitHub Enterprise Server");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> probe(true).probe(HostType.GITLAB_SELF_MANAGED, enterpriseUrl(), ca.caPem()))
			.withMessageContaining("answers as GitHub Enterprise Server");
	}

	/** A server that is neither kind, and one whose answer is larger than any host's: neither is what it says. */
	@ParameterizedTest
	@ValueSource(strings = { "/elsewhere", "/large" })
	void aServerThatIsNeitherIsAnErrorWithItsReason(String path) {
		HostProbe.Finding finding = probe(true).probe(HostType.GITLAB_SELF_MANAGED,
				URI.create("http://localhost:" + gitlab.port() + path), null);

		assertThat(finding.status()).isEqualTo(HostStatus.ERROR);
		assertThat(finding.reason()).contains("doesn't answer /api/v4/version as GitLab self-managed does");
	}

	@Test
	void aServerThatCantBeReachedIsAnErrorWithItsReason() throws Exception {
		int closed = ConsoleProcess.freePort();

		HostProbe.Finding finding = probe(true).probe(HostType.GITLAB_SELF_MANAGED,
				URI.create("http://localhost:" + closed), null);

		assertThat(finding.status()).isEqualTo(HostStatus.ERROR);
		assertThat(finding.reason()).contains("could not connect to http://localhost:" + closed);
	}

	/** The read time-out covers the whole answer: headers sent at once and a body that trickles are not waited for. */
	@Test
	void aServerWhoseAnswerTricklesIsAnErrorThatSaysItDidntAnswerInTime() {
		HostProbe.Finding finding = probe(true).probe(HostType.GITLAB_SELF_MANAGED,
				URI.create("http://localhost:" + gitlab.port() + "/trickling"), null);

		assertThat(finding.status()).isEqualTo(HostStatus.ERROR);
		assertThat(finding.reason()).isEqualTo(
				"The server at http://localhost:" + gitlab.port() + "/trickling didn't answer within 2 seconds.");
	}

	@Test
	void aServerThatTakesNoMoreConnectionsIsAnErrorThatSaysTheConnectionTimedOut() throws Exception {
		// a listening socket whose accept queue is full: the kernel drops further SYNs, so a connect times out
		try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			List<Socket> queued = new ArrayList<>();
			try {
				for (int i = 0; i < 4; i++) {
					Socket socket = new Socket();
					queued.add(socket);
					socket.connect(full.getLocalSocketAddress(), 300);
				}
			}
			catch (SocketTimeoutException ex) {
				// the queue is full
			}
			HostProbe.Finding finding = probe(true).probe(HostType.GITLAB_SELF_MANAGED,
					URI.create("http://127.0.0.1:" + full.getLocalPort()), null);

			assertThat(finding.status()).isEqualTo(HostStatus.ERROR);
			assertThat(finding.reason())
				.isEqualTo("The console could not connect to http://127.0.0.1:" + full.getLocalPort() + " within 2 seconds.");
			for (Socket socket : queued) {
				socket.close();
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://localhost", "https://127.0.0.1:8443", "https://[::1]", "https://169.254.169.254",
			"https://0.0.0.0", "https://[fe80::1]", "https://[fd00:ec2::254]", "https://100.100.100.200" })
	void loopbackLinkLocalAndMetadataAddressesAreRefusedUnlessPrivateNetworksAreAllowed(String url) {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> probe(false).probe(HostType.GITLAB_SELF_MANAGED, URI.create(url), null))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("Url"))
			.withMessageContaining("console.hosts.allow-private-networks=true");
	}

	@Test
	void urlsMustBeHttpsOrHttpForATestingHostAndNothingButAnAddress() {
		assertThat(HostProbe.url(" https://gitlab.example.com/ ", false)).hasToString("https://gitlab.example.com");
		assertThat(HostProbe.url("https://example.com/gitlab/", false)).hasToString("https://example.com/gitlab");
		assertThat(HostProbe.url("http://gitlab.test:8080", true)).hasToString("http://gitlab.test:8080");
		for (String refused : new String[] { "http://gitlab.example.com", "ftp://gitlab.example.com", "gitlab.example.com",
				"https://user:pw@gitlab.example.com", "https://gitlab.example.com/?x=1", "https://gitlab.example.com/#top",
				"https://gitlab.example.com/../x", "https://exa mple.com", "", "https://gitlab.example.com:70000",
				"https://gitlab.example.com:0", "https://gitlab.example.com/" + "p".repeat(HostProbe.MAX_URL) }) {
			assertThatExceptionOfType(InvalidInputException.class).as(refused)
				.isThrownBy(() -> HostProbe.url(refused, false))
				.satisfies((ex) -> assertThat(ex.field()).isEqualTo("Url"));
		}
		for (String noHost : new String[] { "https://x.example.com:-5", "https://\ud83d\ude00.example.com",
				"https://gitlab.example.com:https" }) {
			assertThatExceptionOfType(InvalidInputException.class).as(noHost)
				.isThrownBy(() -> HostProbe.url(noHost, false))
				.withMessageContaining("is not a host name with an optional port");
		}
		assertThat(HostProbe.url("https://example.com/tools/git-lab_2~", false))
			.hasToString("https://example.com/tools/git-lab_2~");
		for (String path : new String[] { "/%00", "/git%2Flab", "/%2e%2e/admin", "//gitlab", "/git//lab", "/./gitlab",
				"/gitlab/.", "/git%20lab" }) {
			assertThatExceptionOfType(InvalidInputException.class).as(path)
				.isThrownBy(() -> HostProbe.url("https://example.com" + path, false))
				.withMessageContaining("The path of the server's URL is names of letters");
		}
	}

	@Test
	void aCaCertificateMustBePemCertificatesAndNeverAKey() {
		assertThat(HostProbe.caCertificates(ca.caPem())).hasSize(1)
			.first()
			.satisfies((certificate) -> assertThat(certificate.getSubjectX500Principal().getName())
				.contains("Connections Console Test CA"));
		assertThat(HostProbe.caCertificates("  ")).isEmpty();
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> HostProbe.caCertificates("-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----"))
			.withMessageContaining("That is a private key");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> HostProbe.caCertificates("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("CaCertificate"));
	}

}
