package io.connectionsconsole.monitoring;

import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apprunner.AppRunnerClient;
import software.amazon.awssdk.services.apprunner.model.CreateConnectionResponse;
import software.amazon.awssdk.services.apprunner.model.ProviderType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.MDC;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.account.AccessKeyService;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.NewAccessKey;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.account.UserService;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionQuery;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.link.RepositoryLink;
import io.connectionsconsole.link.RepositoryLinkService;
import io.connectionsconsole.provider.RepoName;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.SessionIds;
import io.connectionsconsole.support.ConsoleHttpClient;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The console's log as an operator's collector reads it: JSON lines in the Elastic Common Schema, one per request
 * with who asked, where and what came of it, and every line of a request under the request's id; API lines under
 * the {@code x-amzn-RequestId} the client got. And whatever a user or client sends or is given, no secret: captured
 * over a whole handshake with each provider and an API run, the log holds no token, code, client secret, API secret,
 * password, session id or CSRF token.
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "logging.structured.format.console=ecs", "logging.level.io.connectionsconsole.monitoring.RequestLog=info",
				"console.session.store=database" })
@ContextConfiguration(initializers = FakeProviders.Initializer.class)
@ExtendWith(OutputCaptureExtension.class)
class RequestLogTest {

	private static final String REGION = "ap-northeast-1";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A random (version 4) UUID as {@code UUID.toString()} writes it. */
	private static final String RANDOM_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

	@LocalServerPort
	int port;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	AccessKeyService accessKeys;

	@Autowired
	UserService users;

	@Autowired
	ConnectionService connections;

	@Autowired
	RegionCatalogue regions;

	@Autowired
	RepositoryLinkService links;

	@Autowired
	RequestLog requestLog;

	@Autowired
	ListableBeanFactory beans;

	final FakeProviders fake = FakeProviders.get();

	final List<String> secrets = new ArrayList<>();

	Caller caller;

	ConsoleHttpClient browser;

	NewAccessKey key;

	AppRunnerClient api;

	@BeforeEach
	void signIn() {
		fake.reset();
		caller = testAccounts.newAdmin();
		browser = ConsoleHttpClient.signIn("http://localhost:" + port, caller.username(), TestAccounts.PASSWORD);
		key = accessKeys.create(caller);
		api = client(key.secret());
	}

	@AfterEach
	void closeClient() {
		api.close();
	}

	private AppRunnerClient client(String secret) {
		return AppRunnerClient.builder()
			.endpointOverride(URI.create("http://localhost:" + port))
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.id(), secret)))
			.httpClient(UrlConnectionHttpClient.create())
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
	}

	/** Adds a connection through the form, as the browser does: its id. */
	private String addConnection(String name, String provider) {
		HttpResponse<String> added = browser.post("/connections",
				"region=" + REGION + "&name=" + name + "&providerType=" + provider);
		assertThat(added.statusCode()).isEqualTo(302);
		return connections.list(caller, regions.require(REGION), ConnectionQuery.all())
			.stream()
			.filter((c) -> c.name().value().equals(name))
			.findFirst()
			.orElseThrow()
			.id()
			.value();
	}

	/** Complete handshake through the fake provider's page: the answer of the console's callback. */
	private HttpResponse<String> handshake(String connectionId) {
		String authorize = browser.post("/connections/" + connectionId + "/handshake", "")
			.headers()
			.firstValue("Location")
			.orElseThrow();
		URI callback = FakeProviders.authorizeLink(authorize);
		Map<String, String> query = UriComponentsBuilder.fromUri(callback).build().getQueryParams().toSingleValueMap();
		secrets.add(URLDecoder.decode(query.get("code"), StandardCharsets.UTF_8));
		secrets.add(URLDecoder.decode(query.get("state"), StandardCharsets.UTF_8));
		return browser.open(callback);
	}

	private static List<JsonNode> lines(CapturedOutput output) {
		return output.getOut()
			.lines()
			.filter((line) -> line.startsWith("{"))
			.map((line) -> (JsonNode) JSON.readTree(line))
			.toList();
	}

	private static List<JsonNode> requestLines(CapturedOutput output) {
		return lines(output).stream()
			.filter((line) -> line.at("/log/logger").asString().equals(RequestLog.class.getName()))
			.toList();
	}

	/**
	 * The request lines after the first {@code from}, once there are {@code count} of them: a line is written as its
	 * request ends, which may be just after the client has read the answer.
	 */
	private static List<JsonNode> requestLines(CapturedOutput output, int from, int count) {
		List<JsonNode> lines = await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> requestLines(output), (written) -> written.size() >= from + count);
		return lines.subList(from, lines.size());
	}

	@Test
	void everyLogLineIsOneJsonObjectInTheElasticCommonSchema(CapturedOutput output) throws Exception {
		browser.get("/connections?region=" + REGION);
		requestLines(output, 0, browser.requestsSent());

		List<String> printed = output.getOut().lines().filter((line) -> !line.isBlank()).toList();
		assertThat(printed).isNotEmpty().allSatisfy((line) -> assertThat(line).startsWith("{").endsWith("}"));
		assertThat(lines(output)).allSatisfy((line) -> {
			assertThat(line.at("/ecs/version").asString()).isNotEmpty();
			assertThat(line.at("/@timestamp").asString()).isNotEmpty();
		});
	}

	@Test
	void eachRequestHasOneLineWithWhoAskedWhereWhatAndHowItEnded(CapturedOutput output) throws Exception {
		int before = requestLines(output, 0, browser.requestsSent()).size();

		browser.get("/connections?region=" + REGION);
		browser.get("/connections/new?region=" + REGION);

		List<JsonNode> lines = requestLines(output, before, 2);
		await().during(Duration.ofMillis(200))
			.atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(requestLines(output)).as("one line a request, no more").hasSize(before + 2));
		JsonNode page = lines.get(0);
		assertThat(page.at("/http/request/method").asString()).isEqualTo("GET");
		assertThat(page.at("/http/route").asString()).isEqualTo("/connections");
		assertThat(page.at("/url/path").asString()).isEqualTo("/connections");
		assertThat(page.at("/http/response/status_code").asInt()).isEqualTo(200);
		assertThat(page.at("/event/duration").asLong()).isPositive();
		assertThat(page.at("/user/name").asString()).isEqualTo(caller.username());
		assertThat(page.at("/cloud/account/id").asString()).isEqualTo(caller.accountId().value());
		assertThat(page.at("/cloud/region").asString()).isEqualTo(REGION);
		assertThat(page.at("/http/request/id").asString()).matches(RANDOM_UUID)
			.isNotEqualTo(lines.get(1).at("/http/request/id").asString());
	}

	@Test
	void aSignInAndARefusedRequestHaveTheirLinesToo(CapturedOutput output) throws Exception {
		int before = requestLines(output, 0, browser.requestsSent()).size();
		ConsoleHttpClient other = ConsoleHttpClient.signIn("http://localhost:" + port, caller.username(), TestAccounts.PASSWORD);
		ConsoleHttpClient anonymous = ConsoleHttpClient.anonymous("http://localhost:" + port);
		anonymous.get("/connections?region=" + REGION);

		List<JsonNode> lines = requestLines(output, before, other.requestsSent() + anonymous.requestsSent());
		assertThat(lines).hasSize(other.requestsSent() + anonymous.requestsSent());
		JsonNode signIn = lines.get(1);
		assertThat(signIn.at("/http/request/method").asString()).isEqualTo("POST");
		assertThat(signIn.at("/url/path").asString()).isEqualTo("/login");
		assertThat(signIn.at("/http/response/status_code").asInt()).isEqualTo(302);
		assertThat(signIn.at("/user/name").asString()).isEqualTo(caller.username());
		assertThat(signIn.at("/event/reason").asString()).isEqualTo("signed-in");
		JsonNode refused = lines.get(lines.size() - 1);
		assertThat(refused.at("/url/path").asString()).isEqualTo("/connections");
		assertThat(refused.at("/http/response/status_code").asInt()).isEqualTo(302);
		assertThat(refused.at("/user/name").isMissingNode()).isTrue();
	}

	/** How a sign-in ended is on its line, as in the audit trail: a wrong password, a disabled user. */
	@Test
	void aRefusedSignInsLineSaysWhy(CapturedOutput output) throws Exception {
		int before = requestLines(output, 0, browser.requestsSent()).size();
		ConsoleHttpClient wrong = ConsoleHttpClient.anonymous("http://localhost:" + port);
		wrong.submitSignIn(caller.username(), "not-the-password-of-this-user");
		Caller disabled = testAccounts.newUser(caller.accountId(), Role.READ_ONLY);
		users.disable(caller, disabled.userId());
		ConsoleHttpClient off = ConsoleHttpClient.anonymous("http://localhost:" + port);
		off.submitSignIn(disabled.username(), TestAccounts.PASSWORD);

		List<JsonNode> lines = requestLines(output, before, wrong.requestsSent() + off.requestsSent());
		assertThat(lines).filteredOn((line) -> line.at("/http/request/method").asString().equals("POST"))
			.extracting((line) -> line.at("/event/reason").asString())
			.containsExactly("bad-credentials", "user-disabled");
	}

	@Test
	void theLinesOfAHandshakeNameItsRouteAndShareTheRequestsId(CapturedOutput output) throws Exception {
		String id = addConnection("logged-gh", "GITHUB");

		assertThat(handshake(id).statusCode()).isEqualTo(302);

		JsonNode callback = requestLines(output, 0, browser.requestsSent()).stream()
			.filter((line) -> line.at("/http/route").asString().equals("/connections/handshake/callback/{registrationId}"))
			.findFirst()
			.orElseThrow();
		assertThat(callback.at("/url/path").asString()).isEqualTo("/connections/handshake/callback/github");
		assertThat(callback.at("/http/response/status_code").asInt()).isEqualTo(302);
		assertThat(callback.at("/user/name").asString()).isEqualTo(caller.username());
		String requestId = callback.at("/http/request/id").asString();
		assertThat(lines(output)).filteredOn((line) -> line.at("/message").asString().startsWith("CompleteHandshake of"))
			.filteredOn((line) -> line.at("/message").asString().contains("completed"))
			.singleElement()
			.satisfies((line) -> assertThat(line.at("/http/request/id").asString()).isEqualTo(requestId));
	}

	@Test
	void apiLinesCarryTheRequestIdTheClientGotTheOperationAndTheRegion(CapturedOutput output) throws Exception {
		int before = requestLines(output, 0, browser.requestsSent()).size();
		CreateConnectionResponse created = api
			.createConnection((r) -> r.connectionName("logged-api").providerType(ProviderType.GITHUB));
		AppRunnerClient wrongSecret = client("y".repeat(40));
		AwsServiceException refused = (AwsServiceException) catchThrowable(() -> wrongSecret.listConnections((r) -> { }));
		wrongSecret.close();

		List<JsonNode> lines = requestLines(output, before, 2);
		assertThat(lines).hasSize(2);
		JsonNode create = lines.get(0);
		assertThat(create.at("/http/request/id").asString()).isEqualTo(created.responseMetadata().requestId());
		assertThat(create.at("/event/action").asString()).isEqualTo("CreateConnection");
		assertThat(create.at("/cloud/region").asString()).isEqualTo("us-east-1");
		assertThat(create.at("/user/name").asString()).isEqualTo(caller.username());
		assertThat(create.at("/http/response/status_code").asInt()).isEqualTo(200);
		JsonNode refusal = lines.get(1);
		assertThat(refusal.at("/http/request/id").asString()).isEqualTo(refused.requestId());
		assertThat(refusal.at("/event/action").asString()).isEqualTo("ListConnections");
		assertThat(refusal.at("/http/response/status_code").asInt()).isEqualTo(403);
		assertThat(refusal.at("/user/name").isMissingNode()).as("a caller whose signature failed is nobody").isTrue();
		// which refusal a 403 was, as the client was told
		assertThat(refusal.at("/event/reason").asString()).isEqualTo("InvalidSignatureException");
		assertThat(refusal.at("/message").asString()).endsWith(" InvalidSignatureException");
		assertThat(create.at("/event/reason").isMissingNode()).isTrue();
	}

	@Test
	void aHandshakeLinksPathIsWrittenWithItsSecretMasked(CapturedOutput output) throws Exception {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		ConsoleHttpClient anonymous = ConsoleHttpClient.anonymous("http://localhost:" + port);
		int before = requestLines(output, 0, browser.requestsSent()).size();

		assertThat(anonymous.get("/connections/handshake/link/" + secret).statusCode()).isEqualTo(302);

		JsonNode opened = requestLines(output, before, 1).get(0);
		assertThat(opened.at("/url/path").asString()).isEqualTo("/connections/handshake/link/****");
		assertThat(opened.at("/message").asString()).startsWith("GET /connections/handshake/link/**** 302");
		assertThat(output.getAll()).doesNotContain(secret);
	}

	/**
	 * The link's path written otherwise (a letter encoded, a path parameter, dot segments) is the link too, for the log
	 * as for Tomcat.
	 */
	@Test
	void aHandshakeLinksPathWrittenOtherwiseIsSealedAndMaskedAsWell(CapturedOutput output) throws Exception {
		ConsoleHttpClient anonymous = ConsoleHttpClient.anonymous("http://localhost:" + port);
		for (String written : List.of("/connections/handshake/lin%6B/", "/connections/handshake/link;x/",
				"/connections/handshake/./link/", "/connections/x/../handshake/link/")) {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			int before = requestLines(output, 0, browser.requestsSent()).size();

			HttpResponse<String> opened = anonymous.get(written + secret);

			assertThat(opened.statusCode()).as(written).isEqualTo(302);
			assertThat(opened.headers().allValues("Set-Cookie")).as("sealed")
				.anySatisfy((cookie) -> assertThat(cookie).startsWith("HANDSHAKE_LINK=").doesNotContain(secret));
			assertThat(requestLines(output, before, 1).get(0).at("/url/path").asString())
				.isEqualTo("/connections/handshake/link/****");
			assertThat(output.getAll()).as(written).doesNotContain(secret);
		}
	}

	/**
	 * A path that is no page is the request's line alone, at INFO (it was two warnings more); a link's secret in a
	 * path mistyped is masked there too.
	 */
	@Test
	void aPathThatIsNoPageIsItsRequestLineAloneWithALinksSecretMasked(CapturedOutput output) throws Exception {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		int before = requestLines(output, 0, browser.requestsSent()).size();

		assertThat(browser.get("/nope/nothing").statusCode()).isEqualTo(404);
		assertThat(browser.get("/connections/handshake/links/" + secret).statusCode()).isEqualTo(404);
		// nor a method or a content type a route doesn't take, whoever asks
		try (HttpClient http = HttpClient.newHttpClient()) {
			assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
					+ "/git-http/123456789012/us-east-1/0123456789abcdef0123456789abcdef/octo/web.git/info/refs"))
				.method("PATCH", HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
		}

		List<JsonNode> refused = requestLines(output, before, 3);
		assertThat(refused).extracting((line) -> line.at("/message").asString())
			.anySatisfy((line) -> assertThat(line).startsWith("GET /nope/nothing 404"))
			.anySatisfy((line) -> assertThat(line).startsWith("GET /connections/handshake/links/**** 404"))
			.anySatisfy((line) -> assertThat(line).startsWith("PATCH /git-http/").contains(" 405 "));
		List<String> ids = refused.stream().map((line) -> line.at("/http/request/id").asString()).toList();
		assertThat(lines(output)).filteredOn((line) -> ids.contains(line.at("/http/request/id").asString()))
			.extracting((line) -> line.at("/log/level").asString())
			.containsOnly("INFO");
		assertThat(output.getAll()).doesNotContain(secret);
	}

	/**
	 * A Git request's status can't tell one refusal of a token from another, nor a pack cut off midway (a 200): its
	 * line ends with its outcome, and once its token is known names it, its account and its connection's Region.
	 */
	@Test
	void aGitRequestsLineSaysHowItEndedAndForWhichTokenAccountAndRegion(CapturedOutput output) throws Exception {
		String id = addConnection("git-logged", "GITHUB");
		assertThat(handshake(id).statusCode()).isEqualTo(302);
		fake.github().branches("octo/web", List.of("main"));
		RepositoryLink link = links.create(caller, ConnectionId.of(id), RepoName.parse("octo/web"));
		String secret = links.createToken(caller, link.id(), "ci-runner", 30).secret();
		secrets.add(secret);
		// the discovery asked of another Region than the connection's: refused once the token is known
		String discovery = "http://localhost:" + port + "/git-http/" + caller.accountId().value() + "/us-east-1/" + id
				+ "/octo/web.git/info/refs?service=git-upload-pack";
		int before = requestLines(output, 0, browser.requestsSent()).size();

		try (HttpClient http = HttpClient.newHttpClient()) {
			for (String authorization : Arrays.asList(null, "ci:ccgit_" + "x".repeat(40), "ci:" + secret)) {
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(discovery));
				if (authorization != null) {
					request.header("Authorization", "Basic " + Base64.getEncoder()
						.encodeToString(authorization.getBytes(StandardCharsets.UTF_8)));
				}
				assertThat(http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode())
					.isBetween(401, 404);
			}
		}

		List<JsonNode> git = requestLines(output, before, 3).stream()
			.filter((line) -> line.at("/http/route").asString().startsWith("/git-http/"))
			.toList();
		assertThat(git).extracting((line) -> line.at("/message").asString())
			.satisfiesExactly((line) -> assertThat(line).endsWith(" challenge"),
					(line) -> assertThat(line).endsWith(" unknown_token"),
					(line) -> assertThat(line).endsWith(" other_link"));
		assertThat(git.get(2).at("/event/reason").asString()).isEqualTo("other_link");
		assertThat(git.get(2).at("/user/name").asString()).isEqualTo("token ci-runner");
		assertThat(git.get(2).at("/cloud/account/id").asString()).isEqualTo(caller.accountId().value());
		assertThat(git.get(2).at("/cloud/region").asString()).isEqualTo(REGION);
		assertThat(git.get(1).at("/user/name").isMissingNode()).isTrue();
	}

	/** The container's line for a request that failed unexpectedly carries the request's id, as its request line. */
	@Test
	void aRequestThatFailsHasItsIdOnTheErrorsLineToo(CapturedOutput output) throws Exception {
		int before = requestLines(output, 0, browser.requestsSent()).size();

		assertThat(browser.get(Failing.PATH).statusCode()).isEqualTo(500);

		String requestId = requestLines(output, before, 1).getFirst().at("/http/request/id").asString();
		assertThat(lines(output)).filteredOn((line) -> line.at("/log/level").asString().equals("ERROR"))
			.isNotEmpty()
			.allSatisfy((line) -> assertThat(line.at("/http/request/id").asString()).isEqualTo(requestId));
	}

	/**
	 * A failed request's id stays for the container's line of the failure, and is gone once the container is done with
	 * the request: no later line on the thread carries it.
	 */
	@Test
	void aFailedRequestsIdIsGoneOnceTheContainerIsDoneWithIt() {
		List<Object> listeners = new ServletContextInitializerBeans(beans).stream()
			.filter(ServletListenerRegistrationBean.class::isInstance)
			.map((registration) -> (Object) ((ServletListenerRegistrationBean<?>) registration).getListener())
			.toList();
		assertThat(listeners).containsOnlyOnce(requestLog);
		MDC.put(RequestLog.REQUEST_ID, "a-failed-request");
		MDC.put(RequestLog.USER, "someone");

		requestLog.requestDestroyed(null);

		assertThat(MDC.get(RequestLog.REQUEST_ID)).isNull();
		assertThat(MDC.get(RequestLog.USER)).isNull();
	}

	/**
	 * An answer that fails midway, as a Git stream the provider breaks off: one line, though the container then
	 * includes its error page into the answer under way.
	 */
	@Test
	void anAnswerThatFailsMidwayHasOneLine(CapturedOutput output) throws Exception {
		int before = requestLines(output, 0, browser.requestsSent()).size();

		assertThatThrownBy(() -> browser.get(Failing.MIDWAY)).isInstanceOf(Exception.class);
		browser.get("/connections?region=" + REGION);

		List<JsonNode> lines = requestLines(output, before, 2);
		assertThat(lines).extracting((line) -> line.at("/url/path").asString())
			.containsExactly(Failing.MIDWAY, "/connections");
	}

	/** Pages that fail as a bug would: before their answer, and midway through it. */
	@TestConfiguration
	static class Failing {

		static final String PATH = "/request-log-test/failing";

		static final String MIDWAY = "/request-log-test/failing-midway";

		@Bean
		RouterFunction<ServerResponse> failing() {
			return RouterFunctions.route().GET(PATH, (request) -> {
				throw new IllegalStateException("failed as a bug would");
			}).GET(MIDWAY, (request) -> ServerResponse.ok().build((servletRequest, response) -> {
				response.setContentType("text/plain");
				response.getOutputStream().write(new byte[64 * 1024]);
				response.flushBuffer();
				throw new IllegalStateException("failed midway as a bug would");
			})).build();
		}

	}

	@Test
	void noSecretReachesTheLogOverHandshakesChecksAndAnApiRun(CapturedOutput output) throws Exception {
		String github = addConnection("secret-gh", "GITHUB");
		String bitbucket = addConnection("secret-bb", "BITBUCKET");
		handshake(github);
		handshake(bitbucket);
		browser.post("/connections/" + github + "/check", "");
		fake.bitbucket().expireAccessTokens();
		browser.post("/connections/" + bitbucket + "/check", "");
		browser.post("/connections/" + github + "/delete", "confirm=delete");
		String arn = api.createConnection((r) -> r.connectionName("secret-api").providerType(ProviderType.BITBUCKET))
			.connection()
			.connectionArn();
		api.tagResource((r) -> r.resourceArn(arn).tags((t) -> t.key("team").value("web")));
		api.listConnections((r) -> { });
		api.deleteConnection((r) -> r.connectionArn(arn));
		assertThatThrownBy(() -> client(key.secret().toLowerCase()).listConnections((r) -> { }))
			.isInstanceOf(AwsServiceException.class);

		secrets.addAll(fake.github().issuedAccessTokens());
		secrets.addAll(fake.bitbucket().issuedAccessTokens());
		secrets.addAll(fake.bitbucket().issuedRefreshTokens());
		secrets.add(FakeProviders.GITHUB_CLIENT_SECRET);
		secrets.add(FakeProviders.BITBUCKET_CLIENT_SECRET);
		secrets.add(key.secret());
		secrets.add(TestAccounts.PASSWORD);
		secrets.add(browser.csrfToken());
		for (HttpCookie cookie : browser.cookies()) {
			secrets.add(cookie.getValue());
			if (cookie.getName().equals("SESSION")) {
				secrets.add(SessionIds.fromCookie(cookie.getValue()));
			}
		}
		assertThat(fake.github().issuedAccessTokens()).isNotEmpty();
		assertThat(fake.bitbucket().issuedRefreshTokens()).hasSizeGreaterThan(1);
		assertThat(browser.cookies()).extracting(HttpCookie::getName).contains("SESSION");
		assertThat(requestLines(output, 0, browser.requestsSent() + 5)).hasSizeGreaterThanOrEqualTo(browser.requestsSent() + 5);
		String log = output.getAll();
		secrets.forEach((secret) -> assertThat(log).doesNotContain(secret));
	}

}
