package io.connectionsconsole.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import software.amazon.awssdk.services.apprunner.AppRunnerClient;
import software.amazon.awssdk.services.apprunner.model.AppRunnerException;

import io.connectionsconsole.account.AccessKeyService;
import io.connectionsconsole.account.NewAccessKey;
import io.connectionsconsole.api.AppRunnerClients;
import io.connectionsconsole.audit.AuditEvent;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.host.Host;
import io.connectionsconsole.host.HostService;
import io.connectionsconsole.host.HostType;
import io.connectionsconsole.provider.GitRelay;
import io.connectionsconsole.provider.RepoName;
import io.connectionsconsole.support.LogLines;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.GitHost;
import io.connectionsconsole.support.HandshakeTestBase;
import io.connectionsconsole.web.Flash;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;

/**
 * Git over HTTPS through the console with the real {@code git} client: a link token clones, fetches and shallow-clones
 * the linked repository from a provider's Git host ({@code git http-backend}, which takes the connection's token only),
 * and every refusal is one line git prints. The token of the provider never reaches the client.
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FakeProviders.Initializer.class)
@ExtendWith(OutputCaptureExtension.class)
class GitCloneTest extends HandshakeTestBase {

	private static Path hostRoot;

	private static GitHost host;

	/** Whether the Git host answers every request with a server error, as a provider that is down. */
	private static volatile boolean hostDown;

	@LocalServerPort
	int port;

	@Autowired
	RepositoryLinkService links;

	@Autowired
	AuditLog audit;

	@Autowired
	AccessKeyService accessKeys;

	@Autowired
	HostService hosts;

	@Autowired
	MeterRegistry meters;

	private double gitRequests(String outcome) {
		Counter counter = meters.find("console.git.requests").tag("outcome", outcome).counter();
		return counter == null ? 0 : counter.count();
	}

	@TempDir
	Path work;

	private Connection connection;

	private RepositoryLink link;

	private Path upstream;

	@BeforeAll
	static void startHost() throws IOException {
		GitHost.requireInstalled();
		startedHost();
	}

	private static synchronized GitHost startedHost() {
		if (host == null) {
			try {
				hostRoot = Files.createTempDirectory("git-host-");
				FakeProviders fake = FakeProviders.get();
				host = new GitHost(hostRoot, () -> hostDown,
						(pair) -> "x-access-token".equals(pair[0]) && fake.github().accepts(pair[1])
								|| "x-token-auth".equals(pair[0]) && fake.bitbucket().accepts(pair[1])
								|| "oauth2".equals(pair[0]) && (fake.gitlab().accepts(pair[1])
										|| fake.selfManagedGitLab().accepts(pair[1])));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return host;
	}

	@DynamicPropertySource
	static void gitHost(DynamicPropertyRegistry registry) {
		registry.add("console.providers.github.git-url", () -> startedHost().url() + "/github");
		registry.add("console.providers.bitbucket.git-url", () -> startedHost().url() + "/bitbucket");
		registry.add("console.providers.gitlab.git-url", () -> startedHost().url() + "/gitlab");
	}

	@AfterAll
	static void stopHost() {
		if (host != null) {
			host.close();
			host = null;
		}
	}

	private final AtomicInteger tokensMade = new AtomicInteger();

	@BeforeEach
	void linkedRepository() throws Exception {
		hostDown = false;
		host.downFor(null);
		host.holdFetchesAfterTheirFirstBytes(null);
		host.cutFetches(false);
		connection = availableConnection("gh-clone-" + System.nanoTime() % 100000, ProviderType.GITHUB);
		String owner = "octo" + System.nanoTime() % 100000;
		fake.github().branches(owner + "/web", List.of("main"));
		upstream = work.resolve("upstream");
		host.createRepository("github/" + owner, "web", upstream);
		link = links.create(caller, connection.id(), RepoName.parse(owner + "/web"));
		host.clearRequests();
	}

	private String cloneUrl(String secret) {
		return "http://ci:" + secret + "@localhost:" + port + link.clonePath(connection);
	}

	/** A new token of the link, named apart from its others (a link's live tokens have names of their own). */
	private String secret() {
		return links.createToken(caller, link.id(), "ci-runner-" + tokensMade.incrementAndGet(), 30).secret();
	}

	private GitHost.Result git(String... arguments) throws IOException {
		return GitHost.run(work, Map.of(), arguments);
	}

	@Test
	void aLinkTokenClonesTheLinkedRepositoryAndTheProviderGetsTheConnectionsToken() throws Exception {
		String secret = secret();
		double relayed = gitRequests("relayed");
		long bytes = meters.summary("console.git.bytes").count();

		GitHost.Result clone = git("clone", cloneUrl(secret), "copy");

		assertThat(clone.exitCode()).as(clone.output()).isZero();
		assertThat(work.resolve("copy/README.md")).hasContent("# web");
		String providerToken = fake.github().issuedAccessTokens().getLast();
		assertThat(host.requests()).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.password()).isEqualTo(providerToken));
		assertThat(clone.output()).doesNotContain(providerToken);
		assertThat(GitHost.git(work.resolve("copy"), "config", "remote.origin.url")).doesNotContain(providerToken);
		LinkToken token = links.details(caller, link.id()).tokens().getFirst();
		assertThat(token.lastUsedAt()).isNotNull();
		assertThat(token.lastUsedFrom()).isEqualTo("127.0.0.1");
		assertThat(links.details(caller, link.id()).link().lastUsedAt()).isNotNull();
		Instant used = connections.get(caller, connection.id()).lastUsedAt();
		assertThat(used).isNotNull();
		mvc.perform(get("/connections").param("region", connection.region()).with(user(testAccounts.principal(caller))))
			.andExpect(content().string(containsString("<th scope=\"col\">Last used</th>")))
			.andExpect(content().string(containsString("<td class=\"last-used\">")))
			.andExpect(content().string(containsString("datetime=\"" + used + "\"")));
		// the discovery and one or more fetches (protocol v2 lists refs in a fetch of its own)
		assertThat(gitRequests("relayed") - relayed).isGreaterThanOrEqualTo(2)
			.isEqualTo((double) host.requests().size());
		assertThat(meters.summary("console.git.bytes").count() - bytes).isEqualTo(host.requests().size());
		assertThat(meters.get("console.git.duration").tag("outcome", "relayed").timer().count()).isPositive();
		assertThat(audit.latest(caller.accountId().value(), 10)).extracting(AuditEvent::action)
			.contains("CreateRepositoryLink", "CreateLinkToken");
	}

	/** A POST of {@code body} in {@code type} to {@code path} under the link's repository, with {@code token}. */
	private HttpResponse<String> postToRepository(String path, String token, String type, String body) throws Exception {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
					+ link.clonePath(connection) + path))
				.header("Authorization", "Basic " + HttpHeaders.encodeBasicAuth("ci", token, StandardCharsets.UTF_8))
				.header("Accept", type.replace("-request", "-result"))
				.header("Content-Type", type)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	/** The discovery ({@code info/refs}) with {@code query}, by {@code method}, with a token of the link. */
	private <T> HttpResponse<T> discovery(String method, String query, HttpResponse.BodyHandler<T> answer)
			throws Exception {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
					+ link.clonePath(connection) + "/info/refs?" + query))
				.header("Authorization", "Basic " + HttpHeaders.encodeBasicAuth("ci", secret(), StandardCharsets.UTF_8))
				.method(method, HttpRequest.BodyPublishers.noBody())
				.build(), answer);
		}
	}

	@Test
	void theDiscoveryGoesToTheProviderAsAReadWithNothingElseOfTheClientsQuery() throws Exception {
		HttpResponse<String> discovery = discovery("GET", "service=git-upload-pack&private_token=other&x=1",
				HttpResponse.BodyHandlers.ofString());

		assertThat(discovery.statusCode()).isEqualTo(200);
		assertThat(discovery.body()).contains("# service=git-upload-pack");
		assertThat(host.requests()).singleElement()
			.satisfies((request) -> assertThat(request.uri()).endsWith("/web.git/info/refs?service=git-upload-pack"));
	}

	/**
	 * The token as a bearer token (a CI system's {@code http.extraHeader}), and the address with {@code .GIT}, as the
	 * repository's name is compared in any case.
	 */
	@Test
	void aBearerTokenAndTheSuffixInCapitalsClone() throws Exception {
		String bare = "http://localhost:" + port + link.clonePath(connection);

		GitHost.Result bearer = git("-c", "http.extraHeader=Authorization: Bearer " + secret(), "clone", bare, "bearer");
		GitHost.Result capitals = git("clone", cloneUrl(secret()).replaceAll("\\.git$", ".GIT"), "capitals");

		assertThat(bearer.exitCode()).as(bearer.output()).isZero();
		assertThat(work.resolve("bearer/README.md")).hasContent("# web");
		assertThat(capitals.exitCode()).as(capitals.output()).isZero();
		assertThat(work.resolve("capitals/README.md")).hasContent("# web");
		// refused, it is told why (a 401 would have git ask for a user name, as it knows of no password it gave)
		String revoked = links.createToken(caller, link.id(), "bearer-revoked", 7).secret();
		links.revokeToken(caller, link.id(), links.details(caller, link.id()).tokens().stream()
			.filter((token) -> token.name().equals("bearer-revoked"))
			.findFirst()
			.orElseThrow()
			.id());
		GitHost.Result refused = git("-c", "http.extraHeader=Authorization: Bearer " + revoked, "clone", bare, "no");
		assertThat(refused.exitCode()).isNotZero();
		assertThat(refused.output()).contains("remote: Connections Console: this token was revoked.");
	}

	/** git-lfs asks beside the repository: told that LFS is not served, in the error body git-lfs prints. */
	@Test
	void gitLfsIsToldItIsNotServedRatherThanThatTheRepositoryIsNotThere() throws Exception {
		HttpResponse<String> batch = postToRepository("/info/lfs/objects/batch", secret(), "application/vnd.git-lfs+json",
				"{\"operation\":\"download\",\"objects\":[]}");

		assertThat(batch.statusCode()).isEqualTo(501);
		assertThat(batch.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/vnd.git-lfs+json"));
		assertThat(batch.body()).startsWith("{\"message\":\"Connections Console: Git LFS objects are not served");
		assertThat(host.requests()).isEmpty();
	}

	@Test
	void aDiscoveryWithoutTheSmartServiceIsToldWhatTheConsoleSpeaksAndAPushDiscoveryThatItIsReadOnly()
			throws Exception {
		HttpResponse<String> dumb = discovery("GET", "x=1", HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> push = discovery("GET", "service=git-receive-pack", HttpResponse.BodyHandlers.ofString());

		assertThat(dumb.statusCode()).isEqualTo(403);
		assertThat(dumb.body()).contains("smart HTTP protocol only").doesNotContain("read-only");
		assertThat(push.statusCode()).isEqualTo(403);
		assertThat(push.body()).contains("read-only");
		assertThat(host.requests()).isEmpty();
	}

	@Test
	void aShallowCloneAFetchABranchAndATagWork() throws Exception {
		String secret = secret();
		GitHost.git(upstream, "checkout", "-q", "-b", "feature");
		Files.writeString(upstream.resolve("feature.txt"), "feature\n");
		GitHost.commitAll(upstream, "Feature");
		GitHost.git(upstream, "tag", "v1");
		GitHost.git(upstream, "push", "-q", "origin", "feature", "v1");

		GitHost.Result shallow = git("clone", "--depth", "1", cloneUrl(secret), "shallow");
		assertThat(shallow.exitCode()).as(shallow.output()).isZero();
		assertThat(GitHost.git(work.resolve("shallow"), "rev-list", "--count", "HEAD").strip()).isEqualTo("1");

		GitHost.Result branch = git("clone", "--branch", "feature", cloneUrl(secret), "branch");
		assertThat(branch.exitCode()).as(branch.output()).isZero();
		assertThat(work.resolve("branch/feature.txt")).exists();

		GitHost.Result tag = git("clone", "--branch", "v1", cloneUrl(secret), "tag");
		assertThat(tag.exitCode()).as(tag.output()).isZero();
		assertThat(work.resolve("tag/feature.txt")).exists();

		GitHost.git(upstream, "checkout", "-q", "main");
		Files.writeString(upstream.resolve("later.txt"), "later\n");
		GitHost.commitAll(upstream, "Later");
		GitHost.git(upstream, "push", "-q", "origin", "main");
		GitHost.Result fetch = GitHost.run(work.resolve("shallow"), Map.of(), "fetch", "-q", "origin", "main");
		assertThat(fetch.exitCode()).as(fetch.output()).isZero();
		assertThat(GitHost.git(work.resolve("shallow"), "show", "FETCH_HEAD:later.txt")).isEqualTo("later\n");
	}

	@Test
	void protocolVersion2IsPassedThrough() throws Exception {
		GitHost.Result clone = git("-c", "protocol.version=2", "clone", cloneUrl(secret()), "v2");

		assertThat(clone.exitCode()).as(clone.output()).isZero();
		assertThat(host.requests()).anySatisfy((request) -> assertThat(request.gitProtocol()).isEqualTo("version=2"));
	}

	@Test
	void pushIsRefusedAsReadOnly() throws Exception {
		String url = cloneUrl(secret());
		assertThat(git("clone", url, "copy").exitCode()).isZero();
		Path copy = work.resolve("copy");
		Files.writeString(copy.resolve("pushed.txt"), "no\n");
		GitHost.commitAll(copy, "Try to push");

		GitHost.Result push = GitHost.run(copy, Map.of(), "push", "origin", "main");

		assertThat(push.exitCode()).isNotZero();
		assertThat(push.output()).contains("remote: Connections Console: repositories read through the console are read-only");
	}

	@Test
	void aTokenWithTheLongestNameClonesAndIsRefusedOnceRevokedWithItsNameCutInTheAuditTrail() throws Exception {
		String name = "n".repeat(64);
		String secret = links.createToken(caller, link.id(), name, 7).secret();
		assertThat(git("clone", cloneUrl(secret), "longest").exitCode()).isZero();

		links.revokeToken(caller, link.id(), links.details(caller, link.id()).tokens().stream()
			.filter((token) -> token.name().equals(name))
			.findFirst()
			.orElseThrow()
			.id());

		assertThat(git("clone", cloneUrl(secret), "longest-revoked").output())
			.contains("remote: Connections Console: this token was revoked.");
		assertThat(audit.latest(caller.accountId().value(), 1)).singleElement().satisfies((refused) -> {
			assertThat(refused.action()).isEqualTo("CloneRefused");
			assertThat(refused.actor()).hasSize(AuditLog.MAX_ACTOR).startsWith("token nnn").endsWith("…");
		});
		// a job that goes on trying: each refused, counted, and in the audit trail once
		double revoked = gitRequests("revoked");
		for (int i = 0; i < 3; i++) {
			assertThat(git("clone", cloneUrl(secret), "again-" + i).output()).contains("this token was revoked.");
		}
		assertThat(gitRequests("revoked") - revoked).isEqualTo(3);
		assertThat(audit.latest(caller.accountId().value(), 20)).filteredOn((event) -> "CloneRefused".equals(event.action()))
			.hasSize(1);
	}

	@Test
	void aWrongARevokedAnExpiredAndAnotherLinksTokenAreEachRefusedWithTheirReason() throws Exception {
		assertThat(git("clone", cloneUrl("ccgit_not-a-token"), "a").output())
			.contains("remote: Connections Console: this token is not known");
		// a password of another kind, such as the provider's own token, is a token the console doesn't know
		double unknownBefore = gitRequests("unknown_token");
		assertThat(git("clone", cloneUrl("ghp_providersowntoken"), "a2").output())
			.contains("remote: Connections Console: this token is not known: it may be mistyped, or its link deleted "
					+ "(a link's tokens start with ccgit_).");
		assertThat(gitRequests("unknown_token") - unknownBefore).isEqualTo(1);

		String revoked = secret();
		LinkToken revokedToken = links.details(caller, link.id()).tokens().getFirst();
		links.revokeToken(caller, link.id(), revokedToken.id());
		assertThat(git("clone", cloneUrl(revoked), "b").output())
			.contains("remote: Connections Console: this token was revoked.");

		String expired = secret();
		jdbc.sql("UPDATE link_token SET expires_at = created_at WHERE link_id = :link AND revoked_at IS NULL")
			.param("link", link.id())
			.update();
		assertThat(git("clone", cloneUrl(expired), "c").output())
			.contains("remote: Connections Console: this token has expired.");

		String owner = link.repository().owner();
		fake.github().branches(owner + "/api", List.of("main"));
		RepositoryLink other = links.create(caller, connection.id(), RepoName.parse(owner + "/api"));
		String otherSecret = links.createToken(caller, other.id(), "other", 1).secret();
		GitHost.Result refused = git("clone", cloneUrl(otherSecret), "d");
		assertThat(refused.exitCode()).isNotZero();
		assertThat(refused.output()).contains("remote: Connections Console: this token reads another repository");

		double unknown = gitRequests("unknown_token");
		assertThat(git("clone", cloneUrl("ccgit_still-not-a-token"), "f").exitCode()).isNotZero();
		assertThat(gitRequests("unknown_token") - unknown).isEqualTo(1);

		GitHost.Result none = git("clone", "http://localhost:" + port + link.clonePath(connection), "e");
		assertThat(none.exitCode()).isNotZero();
		assertThat(host.requests()).isEmpty();
		assertThat(audit.latest(caller.accountId().value(), 20)).extracting(AuditEvent::detail)
			.contains("REVOKED", "EXPIRED", "OTHER_LINK");
		assertThat(audit.latest(caller.accountId().value(), 20)).extracting(AuditEvent::action)
			.contains("RevokeLinkToken", "CloneRefused");
	}

	@Test
	void aConnectionWithLinksIsNotDeletedWithTheWordDeleteNorThroughTheApiWhoseRefusalNamesTheLinks() throws Exception {
		String owner = link.repository().owner();
		fake.github().branches(owner + "/api", List.of("main"));
		links.create(caller, connection.id(), RepoName.parse(owner + "/api"));
		String refusal = "Connection " + connection.name().value() + " is used by 2 repository links: " + owner + "/api, "
				+ owner + "/web. Delete them first.";

		mvc.perform(post("/connections/{id}/delete", connection.id().value()).param("confirm", "delete")
			.with(user(testAccounts.principal(caller)))
			.with(csrf())).andExpect(flash().attribute("flash",
					new Flash("error", "flash.connection.deleteNotConfirmedName", connection.name().value())));
		try (AppRunnerClients clients = new AppRunnerClients(port)) {
			NewAccessKey key = accessKeys.create(caller);
			AppRunnerClient api = clients.signedWith(key.id(), key.secret(), connection.region());
			assertThatThrownBy(() -> api.deleteConnection((request) -> request.connectionArn(connection.arn().value())))
				.isInstanceOfSatisfying(AppRunnerException.class, (ex) -> {
					assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidRequestException");
					assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo("ConnectionArn: " + refusal);
				});
		}

		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(git("clone", cloneUrl(secret()), "copy").exitCode()).isZero();
	}

	@Test
	void aTokenTheProviderRejectsTurnsTheConnectionToErrorAndSaysSo() throws Exception {
		String secret = secret();
		fake.github().revokeAll();

		GitHost.Result clone = git("clone", cloneUrl(secret), "copy");

		assertThat(clone.exitCode()).isNotZero();
		assertThat(clone.output()).contains("remote: Connections Console: the provider refused connection")
			.doesNotContain(fake.github().issuedAccessTokens().getLast());
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.ERROR);

		GitHost.Result again = git("clone", cloneUrl(secret), "again");
		assertThat(again.exitCode()).isNotZero();
		assertThat(again.output()).contains("remote: Connections Console: Connection '" + connection.name().value()
				+ "' is in error: only an available connection can read repositories.");
	}

	/** The fetch streams the client's body to the provider, which may refuse the token only then. */
	@Test
	void aTokenTheProviderRejectsAtTheFetchTurnsTheConnectionToErrorAsAtTheDiscovery() throws Exception {
		String secret = secret();
		fake.github().revokeAll();

		HttpResponse<String> fetch;
		try (HttpClient client = HttpClient.newHttpClient()) {
			fetch = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
					+ link.clonePath(connection) + "/git-upload-pack"))
				.header("Authorization", "Basic " + HttpHeaders.encodeBasicAuth("ci", secret, StandardCharsets.UTF_8))
				.header("Content-Type", "application/x-git-upload-pack-request")
				.POST(HttpRequest.BodyPublishers.ofString("0000"))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		assertThat(fetch.headers().firstValue("Content-Type")).hasValue("application/x-git-upload-pack-result");
		assertThat(fetch.statusCode()).isEqualTo(200);
		assertThat(fetch.body()).isEqualTo(pktLine("ERR Connections Console: the provider refused connection "
				+ connection.name().value() + "'s authorization, which is now in ERROR: update its authorization in the "
				+ "console.\n"))
			.doesNotContain(fake.github().issuedAccessTokens().getLast());
		assertThat(host.requests().getLast().method()).isEqualTo("POST");
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.ERROR);
	}

	/** Git's pkt-line: its length, of four hexadecimal digits that count themselves, then the line. */
	private static String pktLine(String line) {
		return "%04x".formatted(line.getBytes(StandardCharsets.UTF_8).length + 4) + line;
	}

	/**
	 * While the provider prepares a pack it sends progress or keep-alives, which proxies on the way take as a sign of
	 * life: they reach the client as they come, with the status and headers, not once a buffer is full.
	 */
	@Test
	void whatTheProviderSendsOfAFetchReachesTheClientAsItComes() throws Exception {
		String head = GitHost.git(upstream, "rev-parse", "HEAD").strip();
		CountDownLatch release = new CountDownLatch(1);
		host.holdFetchesAfterTheirFirstBytes(release);
		try (HttpClient client = HttpClient.newHttpClient()) {
			CompletableFuture<HttpResponse<InputStream>> answer = client.sendAsync(HttpRequest.newBuilder(URI.create(
					"http://localhost:" + port + link.clonePath(connection) + "/git-upload-pack"))
				.header("Authorization", "Basic " + HttpHeaders.encodeBasicAuth("ci", secret(), StandardCharsets.UTF_8))
				.header("Content-Type", "application/x-git-upload-pack-request")
				.POST(HttpRequest.BodyPublishers.ofString("0032want " + head + "\n0000" + "0009done\n"))
				.build(), HttpResponse.BodyHandlers.ofInputStream());

			assertThat(answer).succeedsWithin(Duration.ofSeconds(10))
				.satisfies((response) -> assertThat(response.statusCode()).isEqualTo(200));
			InputStream body = answer.join().body();
			CompletableFuture<byte[]> first = CompletableFuture.supplyAsync(() -> {
				try {
					return body.readNBytes(8);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			assertThat(first).succeedsWithin(Duration.ofSeconds(10));
			release.countDown();
			assertThat(new String(body.readAllBytes(), StandardCharsets.ISO_8859_1)).contains("PACK");
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void otherMethodsAndAddressesOfTheGitEndpointAreOneLineGitWouldPrint() throws Exception {
		for (String method : new String[] { "PUT", "DELETE", "PATCH" }) {
			HttpResponse<String> answer = discovery(method, "service=git-upload-pack", HttpResponse.BodyHandlers.ofString());

			assertThat(answer.statusCode()).as(method).isEqualTo(405);
			assertThat(answer.headers().firstValue("Content-Type")).as(method).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/plain"));
			assertThat(answer.body()).as(method).isEqualTo("Connections Console: this address answers Git's GET "
					+ "info/refs and POST git-upload-pack only.\n");
		}
		try (HttpClient client = HttpClient.newHttpClient()) {
			for (String path : new String[] { "/git-http", "/git-http/", "/git-http/" + connection.accountId().value() }) {
				HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
						+ path)).build(), HttpResponse.BodyHandlers.ofString());

				assertThat(answer.statusCode()).as(path).isEqualTo(404);
				assertThat(answer.body()).as(path).isEqualTo("Connections Console: there is no repository at this "
						+ "address.\n");
			}
		}
		assertThat(host.requests()).isEmpty();
	}

	/** A HEAD of the discovery is asked of the provider as the discovery, for reading: never as Git's dumb protocol. */
	@Test
	void aHeadOfTheDiscoveryAsksTheProviderForReadingOnly() throws Exception {
		HttpResponse<Void> discovery = discovery("HEAD", "service=git-upload-pack",
				HttpResponse.BodyHandlers.discarding());

		assertThat(discovery.statusCode()).isEqualTo(200);
		assertThat(host.requests()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.uri()).endsWith("/web.git/info/refs?service=git-upload-pack");
		});
	}

	/**
	 * A provider that stops midway through a pack: the client's answer ends cut off, as the provider's did, not as a
	 * whole answer holding part of a pack; counted as cut off.
	 */
	@Test
	void aPackTheProviderStopsSendingMidwayEndsTheClientsAnswerCutOff(CapturedOutput output) throws Exception {
		String head = GitHost.git(upstream, "rev-parse", "HEAD").strip();
		double cutOff = gitRequests("cut-off");
		host.cutFetches(true);
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpResponse<InputStream> answer = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
					+ link.clonePath(connection) + "/git-upload-pack"))
				.header("Authorization", "Basic " + HttpHeaders.encodeBasicAuth("ci", secret(), StandardCharsets.UTF_8))
				.header("Content-Type", "application/x-git-upload-pack-request")
				.POST(HttpRequest.BodyPublishers.ofString("0032want " + head + "\n0000" + "0009done\n"))
				.build(), HttpResponse.BodyHandlers.ofInputStream());

			assertThat(answer.statusCode()).isEqualTo(200);
			assertThatThrownBy(() -> answer.body().readAllBytes()).isInstanceOf(IOException.class);
		}
		await().until(() -> gitRequests("cut-off") - cutOff == 1);
		// the provider's failure, not the console's: one line that says so, no stack trace, no error page tried
		assertThat(LogLines.containing(output, "broke off")).singleElement()
			.satisfies((line) -> assertThat(LogLines.levelOf(line)).isEqualTo("WARN"))
			.asString()
			.contains(link.repository().fullName(), "after 16 bytes");
		assertThat(LogLines.at(output, "ERROR")).isEmpty();
		assertThat(output).doesNotContain("java.io.IOException: Premature EOF").doesNotContain("HttpMessageNotWritable");
	}

	/**
	 * A git client that stops reading its pack for a while (its disk, a loaded runner) gets the rest when it reads
	 * again: the console waits for a reader longer than for a request's silent body.
	 */
	@Test
	void aClientThatStopsReadingItsPackForAWhileGetsAllOfIt() throws Exception {
		byte[] large = new byte[16 * 1024 * 1024];
		new Random(7).nextBytes(large);
		Files.write(upstream.resolve("large.bin"), large);
		GitHost.commitAll(upstream, "A large file");
		GitHost.git(upstream, "push", "-q", "origin", "main");
		String head = GitHost.git(upstream, "rev-parse", "HEAD").strip();
		String secret = secret();

		byte[] read = fetchReadingWithAPause(secret, head, Duration.ZERO);
		byte[] paused = fetchReadingWithAPause(secret, head, Duration.ofSeconds(8));

		assertThat(read.length).isGreaterThan(large.length);
		assertThat(paused.length).isEqualTo(read.length);
		assertThat(Arrays.mismatch(paused, read)).as("the first byte that differs").isEqualTo(-1);
	}

	/**
	 * Fetches {@code head} over a socket with a small receive buffer, so that the console's writes wait for the reader,
	 * stopping {@code pause} after the answer's first bytes. Answers the answer's body.
	 */
	private byte[] fetchReadingWithAPause(String secret, String head, Duration pause) throws Exception {
		String fetch = "0032want " + head + "\n0000" + "0009done\n";
		try (Socket socket = new Socket()) {
			socket.setReceiveBufferSize(4096);
			socket.connect(new InetSocketAddress("localhost", port));
			socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
			socket.getOutputStream().write(("POST " + link.clonePath(connection) + "/git-upload-pack HTTP/1.0\r\n"
					+ "Host: localhost\r\nAuthorization: Basic "
					+ HttpHeaders.encodeBasicAuth("ci", secret, StandardCharsets.UTF_8) + "\r\n"
					+ "Content-Type: application/x-git-upload-pack-request\r\nContent-Length: " + fetch.length()
					+ "\r\n\r\n" + fetch).getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			byte[] first = in.readNBytes(64 * 1024);
			Thread.sleep(pause);
			byte[] rest = in.readAllBytes();
			byte[] whole = Arrays.copyOf(first, first.length + rest.length);
			System.arraycopy(rest, 0, whole, first.length, rest.length);
			int body = new String(whole, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
			return Arrays.copyOfRange(whole, body, whole.length);
		}
	}

	/** A client that stops sending its fetch midway is no fault of the provider's: nothing is recorded of the connection. */
	@Test
	void aFetchItsClientStopsSendingIsCutOffAndRecordsNothingOfTheConnection() throws Exception {
		Connection.LastCheck before = connections.get(caller, connection.id()).lastCheck();
		double cutOff = gitRequests("cut-off");
		try (Socket socket = new Socket("localhost", port)) {
			socket.getOutputStream().write(("POST " + link.clonePath(connection) + "/git-upload-pack HTTP/1.1\r\n"
					+ "Host: localhost\r\nAuthorization: Basic "
					+ HttpHeaders.encodeBasicAuth("ci", secret(), StandardCharsets.UTF_8) + "\r\n"
					+ "Content-Type: application/x-git-upload-pack-request\r\nContent-Length: 1000\r\n\r\n0032want ")
				.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			// the relay has begun to send the fetch on to the provider when the client goes
			await().until(() -> host.requests().stream().anyMatch((request) -> request.method().equals("POST")));
		}

		await().until(() -> gitRequests("cut-off") - cutOff == 1);
		assertThat(connections.get(caller, connection.id()).lastCheck()).isEqualTo(before);
	}

	/**
	 * GitHub sends git to a renamed repository's new name: the console doesn't follow (its token goes to the provider's
	 * address alone) and says where the repository went. The provider took the token: nothing is recorded of the
	 * connection.
	 */
	@Test
	void aRepositoryRenamedAtTheProviderSaysWhereItWentAndChangesNothingOfTheConnection() throws Exception {
		String owner = link.repository().owner();
		Connection.LastCheck before = connections.get(caller, connection.id()).lastCheck();
		double moved = gitRequests("provider-moved");
		host.answer("/github/" + owner + "/web.git", 301,
				host.url() + "/github/" + owner + "/renamed.git/info/refs?service=git-upload-pack", null);

		GitHost.Result clone = git("clone", cloneUrl(secret()), "copy");

		assertThat(clone.exitCode()).isNotZero();
		assertThat(clone.output()).contains("remote: Connections Console: repository " + owner + "/web has moved at "
				+ "the provider to " + owner + "/renamed: link " + owner + "/renamed to read it.");
		assertThat(host.requests()).singleElement();
		assertThat(gitRequests("provider-moved") - moved).isEqualTo(1);
		assertThat(connections.get(caller, connection.id()).lastCheck()).isEqualTo(before);
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

	/**
	 * A redirect that moves no repository (to a sign-in page, or to the same name) is an answer the console doesn't
	 * expect, as before: not taken for a move.
	 */
	@Test
	void aRedirectElsewhereIsNoMove() throws Exception {
		String owner = link.repository().owner();
		host.answer("/github/" + owner + "/web.git", 302, host.url() + "/login?return_to=/" + owner + "/web", null);

		assertThat(git("clone", cloneUrl(secret()), "copy").output())
			.contains("remote: Connections Console: the provider gave an answer the console can't read")
			.doesNotContain("has moved");
		host.answer("/github/" + owner + "/web.git", 301,
				host.url() + "/github/" + owner + "/web.git/info/refs?service=git-upload-pack", null);
		assertThat(git("clone", cloneUrl(secret()), "again").output())
			.contains("remote: Connections Console: the provider gave an answer the console can't read")
			.doesNotContain("has moved");
	}

	/** A link token refused at the fetch keeps its 401 there, on which git forgets it. */
	@Test
	void aTokenRefusedAtTheFetchIsAnUnauthorizedAnswer() throws Exception {
		HttpResponse<String> fetch = postToRepository("/git-upload-pack", "ccgit_not-a-token",
				"application/x-git-upload-pack-request", "0000");

		assertThat(fetch.statusCode()).isEqualTo(401);
		assertThat(fetch.body()).startsWith("Connections Console: this token is not known");
		// as every 401 does, so that a credential helper is asked for another
		assertThat(fetch.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Connections Console\", "
				+ "charset=\"UTF-8\"");
	}

	/**
	 * An organization that restricts OAuth apps refuses its repositories to the token, in words git should show: the
	 * person reads the provider's first line, and nothing is recorded of the connection, whose token works elsewhere.
	 */
	@Test
	void aRepositoryTheProviderRefusesToTheTokenIsRefusedInTheProvidersWords() throws Exception {
		String owner = link.repository().owner();
		Connection.LastCheck before = connections.get(caller, connection.id()).lastCheck();
		host.answer("/github/" + owner + "/web.git", 403, null, "Although you appear to have the correct "
				+ "authorization credentials, the `" + owner + "` organization has enabled OAuth App access "
				+ "restrictions.\nSecond line.");

		GitHost.Result clone = git("clone", cloneUrl(secret()), "copy");

		assertThat(clone.exitCode()).isNotZero();
		assertThat(clone.output()).contains("remote: Connections Console: the provider refused to let the connection "
				+ "read " + owner + "/web: Although you appear to have the correct authorization credentials, the `"
				+ owner + "` organization has enabled OAuth App access restrictions.")
			.doesNotContain("Second line");
		assertThat(connections.get(caller, connection.id()).lastCheck()).isEqualTo(before);
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

	/**
	 * A provider down at the discovery is a bad gateway whose line git prints; down only at the fetch (the POST after
	 * it), whose failed body git doesn't show, Git's own error line. Neither changes the connection's status.
	 */
	@Test
	void aProviderThatIsDownIsALineGitPrintsAndChangesNoStatus() throws Exception {
		String secret = secret();
		hostDown = true;

		GitHost.Result clone = git("clone", cloneUrl(secret), "copy");
		hostDown = false;
		host.downFor("POST");
		GitHost.Result atTheFetch = git("clone", cloneUrl(secret), "again");

		assertThat(clone.exitCode()).isNotZero();
		assertThat(clone.output()).contains("remote: Connections Console: the provider could not be reached, failed or "
				+ "did not answer in time: try again later.");
		assertThat(atTheFetch.exitCode()).isNotZero();
		assertThat(atTheFetch.output()).contains("fatal: remote error: Connections Console: the provider could not be "
				+ "reached, failed or did not answer in time");
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

	@Test
	void aRepositoryTheProviderNoLongerHasIsNotFoundForGitAndCountedSo() throws Exception {
		String owner = "octo" + System.nanoTime() % 100000;
		fake.github().branches(owner + "/gone", List.of("main"));
		RepositoryLink gone = links.create(caller, connection.id(), RepoName.parse(owner + "/gone"));
		String secret = links.createToken(caller, gone.id(), "ci", 7).secret();
		double notFound = gitRequests("provider-not-found");

		GitHost.Result clone = git("clone", "http://ci:" + secret + "@localhost:" + port + gone.clonePath(connection),
				"gone-copy");

		assertThat(clone.exitCode()).isNotZero();
		assertThat(clone.output()).contains("not found");
		assertThat(gitRequests("provider-not-found") - notFound).isEqualTo(1);
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

	@Test
	void aBitbucketRepositoryClonesWithItsOwnUserNameAndAnExpiredTokenIsRefreshedFirst() throws Exception {
		Connection bitbucket = availableConnection("bb-clone-" + System.nanoTime() % 100000, ProviderType.BITBUCKET);
		String owner = "team" + System.nanoTime() % 100000;
		fake.bitbucket().branches(owner + "/site", List.of("main"));
		host.createRepository("bitbucket/" + owner, "site", work.resolve("bb-upstream"));
		RepositoryLink site = links.create(caller, bitbucket.id(), RepoName.parse(owner + "/site"));
		String secret = links.createToken(caller, site.id(), "deployer", 7).secret();
		fake.bitbucket().expireAccessTokens();
		host.clearRequests();

		GitHost.Result clone = git("clone", "http://deployer:" + secret + "@localhost:" + port + site.clonePath(bitbucket),
				"bb-copy");

		assertThat(clone.exitCode()).as(clone.output()).isZero();
		assertThat(work.resolve("bb-copy/README.md")).hasContent("# site");
		List<String> live = fake.bitbucket().issuedAccessTokens().stream().filter(fake.bitbucket()::accepts).toList();
		assertThat(live).hasSize(1);
		String refreshed = live.getFirst();
		assertThat(host.requests()).allSatisfy((request) -> assertThat(request.user()).isEqualTo("x-token-auth"))
			.last()
			.satisfies((request) -> assertThat(request.password()).isEqualTo(refreshed));
		assertThat(connections.get(caller, bitbucket.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

	/** A Bitbucket repository on the Git host, linked, with a token; its connection's tokens expired at Bitbucket. */
	private record ExpiredFetch(Connection connection, RepositoryLink link, String secret, String head) {
	}

	private ExpiredFetch bitbucketLinkWithItsTokensExpired(String name) throws Exception {
		Connection bitbucket = availableConnection("bb-" + name + "-" + System.nanoTime() % 100000, ProviderType.BITBUCKET);
		String owner = "team" + System.nanoTime() % 100000;
		fake.bitbucket().branches(owner + "/" + name, List.of("main"));
		Path tree = work.resolve("bb-" + name);
		host.createRepository("bitbucket/" + owner, name, tree);
		String head = GitHost.git(tree, "rev-parse", "HEAD").strip();
		RepositoryLink linked = links.create(caller, bitbucket.id(), RepoName.parse(owner + "/" + name));
		String secret = links.createToken(caller, linked.id(), "deployer", 7).secret();
		fake.bitbucket().expireAccessTokens();
		return new ExpiredFetch(bitbucket, linked, secret, head);
	}

	/** A fetch ({@code POST git-upload-pack}) of {@code body} with the link's token. */
	private <T> HttpResponse<T> fetch(ExpiredFetch of, String body, HttpResponse.BodyHandler<T> answer) throws Exception {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
					+ of.link().clonePath(of.connection()) + "/git-upload-pack"))
				.header("Authorization", "Basic " + HttpHeaders.encodeBasicAuth("ci", of.secret(), StandardCharsets.UTF_8))
				.header("Content-Type", "application/x-git-upload-pack-request")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), answer);
		}
	}

	/** The provider may refuse the token only at the fetch, whose body the console has streamed once already. */
	@Test
	void aFetchWhoseTokenTheProviderRefusedIsSentAgainWholeWithTheRefreshedToken() throws Exception {
		ExpiredFetch api = bitbucketLinkWithItsTokensExpired("api");

		HttpResponse<byte[]> fetch = fetch(api, "0032want " + api.head() + "\n" + "0000" + "0009done\n",
				HttpResponse.BodyHandlers.ofByteArray());

		assertThat(fetch.statusCode()).isEqualTo(200);
		assertThat(new String(fetch.body(), StandardCharsets.ISO_8859_1)).contains("PACK");
		assertThat(host.requests()).last()
			.satisfies((request) -> assertThat(fake.bitbucket().accepts(request.password())).isTrue());
		assertThat(connections.get(caller, api.connection().id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

	/** A fetch too long to keep, whose token the provider refused: git is told to run it again, and nothing is recorded. */
	@Test
	void aFetchTooLongToSendAgainAfterARefreshedTokenIsToldToRunAgainAndRecordsNothing() throws Exception {
		ExpiredFetch big = bitbucketLinkWithItsTokensExpired("big");
		Connection.LastCheck before = connections.get(caller, big.connection().id()).lastCheck();
		StringBuilder negotiation = new StringBuilder("0032want " + big.head() + "\n");
		while (negotiation.length() <= GitRelay.REPLAYED_BODY) {
			negotiation.append("0032have ").append("0".repeat(40)).append("\n");
		}
		negotiation.append("0000").append("0009done\n");

		HttpResponse<String> fetch = fetch(big, negotiation.toString(), HttpResponse.BodyHandlers.ofString());

		assertThat(fetch.statusCode()).isEqualTo(200);
		assertThat(fetch.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(fetch.body()).isEqualTo(pktLine("ERR Connections Console: the connection's token was renewed during "
				+ "this fetch, which is too long to send again: try again in a moment.\n"));
		assertThat(connections.get(caller, big.connection().id()).lastCheck()).as("nothing recorded").isEqualTo(before);
		assertThat(connections.get(caller, big.connection().id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

	@Test
	void aGitLabProjectInASubgroupClonesAsTheUserOauth2WithTheConnectionsToken() throws Exception {
		Connection gitlab = availableConnection("lab-clone-" + System.nanoTime() % 100000, ProviderType.GITLAB);
		String group = "lab" + System.nanoTime() % 100000 + "/platform";
		fake.gitlab().branches(group + "/service", List.of("main"));
		host.createRepository("gitlab/" + group, "service", work.resolve("lab-upstream"));
		RepositoryLink service = links.create(caller, gitlab.id(), RepoName.parse(group + "/service"));
		String secret = links.createToken(caller, service.id(), "runner", 7).secret();
		host.clearRequests();

		GitHost.Result clone = git("clone", "http://runner:" + secret + "@localhost:" + port
				+ service.clonePath(gitlab), "lab-copy");

		assertThat(clone.exitCode()).as(clone.output()).isZero();
		assertThat(work.resolve("lab-copy/README.md")).hasContent("# service");
		String token = fake.gitlab().issuedAccessTokens().getLast();
		assertThat(host.requests()).isNotEmpty().allSatisfy((request) -> {
			assertThat(request.user()).isEqualTo("oauth2");
			assertThat(request.password()).isEqualTo(token);
			assertThat(request.uri()).startsWith("/gitlab/" + group + "/service.git/");
		});
		assertThat(clone.output()).doesNotContain(token);
	}

	@Test
	void aProjectOfAGitLabSelfManagedHostClonesFromTheHostsServer() throws Exception {
		cloneThroughSelfManagedHost("clone-host", fake.baseUrl(), null);
	}

	@Test
	void aHostWithAPrivateAuthoritysCertificateIsClonedFromOverTlsTrustingThatAuthority() throws Exception {
		fake.server().resetRequests();

		cloneThroughSelfManagedHost("clone-tls-host", fake.httpsBaseUrl(), fake.caPem());

		String repository = "/selfmanaged/platform/clone-tls-host\\.git/.*";
		assertThat(fake.server().findAll(anyRequestedFor(urlPathMatching(repository))))
			.as("the relay's requests to the host's server")
			.isNotEmpty()
			.allSatisfy((request) -> assertThat(request.getAbsoluteUrl()).startsWith(fake.httpsBaseUrl() + "/"));
	}

	/**
	 * A clone of {@code platform/{name}} through a connection to a GitLab self-managed host at {@code baseUrl}: the fake
	 * self-managed GitLab serves its API itself and hands Git's requests to the Git host, over https as well when its
	 * certificate's authority ({@code caPem}) is the host's to trust.
	 */
	private void cloneThroughSelfManagedHost(String name, String baseUrl, String caPem) throws Exception {
		fake.server().stubFor(any(urlPathMatching("/selfmanaged/.+\\.git/.*")).atPriority(1)
			.willReturn(aResponse().proxiedFrom(host.url())));
		Host corp = hosts.create(caller, regions.require("us-west-2"), new HostService.NewHost(name,
				HostType.GITLAB_SELF_MANAGED, baseUrl + "/selfmanaged", caPem == null,
				FakeProviders.SELF_MANAGED_CLIENT_ID, FakeProviders.SELF_MANAGED_CLIENT_SECRET, caPem));
		Connection onPrem = connections.createThroughHost(caller, regions.require("us-west-2"),
				ConnectionName.of(name + "-connection"), corp.id(), Tags.none());
		flow.complete(caller, onPrem);
		fake.selfManagedGitLab().branches("platform/" + name, List.of("main"));
		host.createRepository("selfmanaged/platform", name, work.resolve("host-upstream"));
		RepositoryLink repository = links.create(caller, onPrem.id(), RepoName.parse("platform/" + name));
		String secret = links.createToken(caller, repository.id(), "runner", 7).secret();
		host.clearRequests();

		String url = "http://runner:" + secret + "@localhost:" + port + repository.clonePath(onPrem);
		GitHost.Result clone = git("clone", url, "host-copy");

		assertThat(clone.exitCode()).as(clone.output()).isZero();
		assertThat(work.resolve("host-copy/README.md")).hasContent("# " + name);
		String token = fake.selfManagedGitLab().issuedAccessTokens().getLast();
		assertThat(host.requests()).isNotEmpty().allSatisfy((request) -> {
			assertThat(request.user()).isEqualTo("oauth2");
			assertThat(request.password()).isEqualTo(token);
			assertThat(request.uri()).startsWith("/selfmanaged/platform/" + name + ".git/");
		});
	}

}
