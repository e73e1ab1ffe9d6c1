package io.connectionsconsole.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.support.ConsoleHttpClient;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.TestAccounts;
import io.connectionsconsole.support.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route a visitor without cookies can reach stores nothing: no session, no row in any table, and the H2 file
 * doesn't grow. Every controller mapping is read from the console, and the static files and scripts from the sign-in
 * page's links; beside them, what the security configuration serves without a controller (the sign-in form's POST,
 * the logout, the API's unsigned call, the exposed actuator endpoints), the handshake callbacks with a code and a
 * denial, and the handshake link route with an unknown, a malformed, a used and an expired link. On an H2 file database
 * of its own.
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnonymousRoutesTest {

	private static Path database;

	@DynamicPropertySource
	static void fileDatabase(DynamicPropertyRegistry properties) throws IOException {
		Path directory = Files.createTempDirectory("anonymous-routes");
		Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(directory.toFile())));
		database = directory.resolve("console");
		properties.add("spring.datasource.url", () -> "jdbc:h2:file:" + database + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0");
		// a provider the console is a client of, for handshake links to be shared (no call reaches it)
		properties.add("spring.security.oauth2.client.registration.github.client-id", () -> "anonymous-routes");
		properties.add("spring.security.oauth2.client.registration.github.client-secret", () -> "not-sent");
	}

	/** Each walk, repeated: a write per request would show as rows and bytes many times over. */
	private static final int ROUNDS = 10;

	/** The H2 file may take a chunk or two for the failed sign-in's count; a session a request would take far more. */
	private static final long MAX_GROWTH_BYTES = 128 * 1024;

	private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/(?:assets|webjars)/[^\"]+)\"");

	private static final Pattern LINK = Pattern.compile("id=\"handshake-link-url\" class=\"copyable\">([^<]+)</code>");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping controllers;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	TestConnections testConnections;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private String base() {
		return "http://localhost:" + port;
	}

	/** Rows in each of the database's tables, but for ShedLock's, whose locks scheduled jobs take on a timer. */
	private Map<String, Long> rowCounts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES
				WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME""")
			.query(String.class)
			.list()
			.stream()
			.filter((table) -> !table.equalsIgnoreCase("shedlock"))
			.forEach((table) -> counts.put(table,
					jdbc.sql("SELECT COUNT(*) FROM \"" + table + "\"").query(Long.class).single()));
		return counts;
	}

	@Test
	void noRouteAVisitorWithoutCookiesReachesStoresAnythingOrGrowsTheDatabase() throws Exception {
		Links links = links();
		String failedSignIn = "nobody-" + System.nanoTime();
		// The sign-in throttle's buckets for this user name and address exist from here on; a failure counts in them.
		signInFails(failedSignIn);
		List<HttpRequest> walk = walk(links, failedSignIn);
		Map<String, Long> rowsBefore = rowCounts();
		long bytesBefore = Files.size(Path.of(database + ".mv.db"));

		for (int round = 0; round < ROUNDS; round++) {
			for (HttpRequest request : walk) {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as(request.method() + " " + request.uri()).isLessThan(500);
				assertThat(response.headers().allValues("Set-Cookie")).as(request.method() + " " + request.uri())
					.noneMatch((cookie) -> cookie.startsWith("SESSION="));
			}
			signInFails(failedSignIn);
		}

		assertThat(walk).hasSizeGreaterThan(40);
		assertThat(rowCounts()).as("rows of every table").isEqualTo(rowsBefore);
		assertThat(Files.size(Path.of(database + ".mv.db")) - bytesBefore).as("bytes the H2 file grew by")
			.isLessThan(MAX_GROWTH_BYTES);
	}

	/** The requests of one walk: each without cookies, as a browser, a script or a scraper would send it. */
	private List<HttpRequest> walk(Links links, String failedSignIn) throws Exception {
		Set<String> gets = new LinkedHashSet<>();
		Set<String> posts = new LinkedHashSet<>();
		controllers.getHandlerMethods().keySet().forEach((mapping) -> mapping.getPatternValues().forEach((pattern) -> {
			String path = pattern.replace("{registrationId}", "github").replaceAll("\\{[^}]+}", "0123456789abcdef0123456789abcdef");
			Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
			if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
				gets.add(path);
			}
			if (methods.contains(RequestMethod.POST)) {
				posts.add(path);
			}
		}));
		assertThat(gets).as("controller pages").contains("/login", "/", "/connections", "/audit", "/error");
		// The security configuration's own routes, and what the sign-in page links to.
		posts.addAll(List.of(SecurityConfiguration.LOGIN_URL, "/logout"));
		gets.addAll(List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
				"/actuator/info", "/actuator/metrics", "/actuator/prometheus", "/no-such-page",
				"/connections/handshake/callback/github?code=a-code&state=a-state",
				"/connections/handshake/callback/bitbucket?error=access_denied&state=a-state",
				"/connections/handshake/callback/elsewhere?code=a-code&state=a-state"));
		Matcher assets = ASSET.matcher(page("/login"));
		while (assets.find()) {
			gets.add(assets.group(1));
		}
		assertThat(gets).as("static files and the htmx webjar").anyMatch((path) -> path.startsWith("/assets/css/"))
			.anyMatch((path) -> path.startsWith("/webjars/htmx.org/"));
		gets.addAll(List.of(links.unknown(), links.used(), links.expired(), "/connections/handshake/link/short",
				"/connections/handshake/link/" + "A".repeat(44), "/connections/handshake/link/" + "%21".repeat(43)));

		List<HttpRequest> walk = new ArrayList<>();
		for (String path : gets) {
			walk.add(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", "text/html").GET().build());
			walk.add(HttpRequest.newBuilder(URI.create(base() + path)).GET().build());
		}
		for (String path : posts) {
			walk.add(HttpRequest.newBuilder(URI.create(base() + path))
				.header("Accept", "text/html")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=" + failedSignIn + "&password=wrong-password"))
				.build());
		}
		walk.add(HttpRequest.newBuilder(URI.create(base() + "/"))
			.header("X-Amz-Target", "AppRunner.ListConnections")
			.header("Content-Type", "application/x-amz-json-1.0")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build());
		return walk;
	}

	/** A failed sign-in, as a visitor makes it: the sign-in page, then its form with a wrong password. */
	private void signInFails(String username) throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		Matcher csrf = CSRF.matcher(browser.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body());
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> failed = browser.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=wrong-password&_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(failed.statusCode()).isEqualTo(302);
		assertThat(failed.headers().allValues("Set-Cookie")).noneMatch((cookie) -> cookie.startsWith("SESSION="));
	}

	private String page(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	/** Handshake links made by an administrator through the console: one unknown, one used, one expired. */
	private Links links() {
		Caller admin = testAccounts.newAdmin();
		ConsoleHttpClient browser = ConsoleHttpClient.signIn(base(), admin.username(), TestAccounts.PASSWORD);
		String used = shareLink(browser, testConnections.github(admin, "us-east-1", "used-link").id().value());
		String expired = shareLink(browser, testConnections.github(admin, "us-east-1", "expired-link").id().value());
		jdbc.sql("UPDATE handshake_link SET used_at = :now, used_by = created_by WHERE connection_id IN "
				+ "(SELECT id FROM connection WHERE name = 'used-link')")
			.param("now", Instant.now().atOffset(ZoneOffset.UTC))
			.update();
		jdbc.sql("UPDATE handshake_link SET expires_at = :past WHERE connection_id IN "
				+ "(SELECT id FROM connection WHERE name = 'expired-link')")
			.param("past", Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC))
			.update();
		return new Links("/connections/handshake/link/" + "B".repeat(43), used, expired);
	}

	private static String shareLink(ConsoleHttpClient browser, String connectionId) {
		String created = browser.post("/connections/" + connectionId + "/handshake-link", "")
			.headers()
			.firstValue("Location")
			.orElseThrow();
		Matcher link = LINK.matcher(browser.get(URI.create(created).getPath()).body());
		assertThat(link.find()).isTrue();
		return URI.create(link.group(1)).getPath();
	}

	private record Links(String unknown, String used, String expired) {
	}

}
