package io.connectionsconsole.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import io.connectionsconsole.support.ConsoleHttpClient;
import io.connectionsconsole.support.ConsoleTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visitors who have not signed in cost the database nothing: no session row, no saved request. The sign-in page's CSRF
 * token and the page asked for before signing in are kept in the visitor's cookies, and a user still lands on the page
 * they asked for. On an H2 file database of its own, whose size H2 can tell (an in-memory one reports none).
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnonymousVisitorsTest {

	@DynamicPropertySource
	static void fileDatabase(DynamicPropertyRegistry properties) throws IOException {
		Path directory = Files.createTempDirectory("anonymous-visitors");
		Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(directory.toFile())));
		properties.add("spring.datasource.url",
				() -> "jdbc:h2:file:" + directory.resolve("console") + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0");
	}

	private static final int REQUESTS = 5_000;

	private static final List<String> PAGES = List.of("/login", "/connections?region=us-east-1", "/login", "/audit",
			"/login", "/settings/users", "/login", "/connections/new?region=eu-west-1", "/login", "/");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private String base() {
		return "http://localhost:" + port;
	}

	/** What H2 holds for every table of the console, in bytes. */
	private long databaseBytes() {
		return jdbc.sql("""
				SELECT SUM(DISK_SPACE_USED('"' || TABLE_SCHEMA || '"."' || TABLE_NAME || '"'))
				FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'""")
			.query(Long.class)
			.single();
	}

	private long sessionRows() {
		return jdbc.sql("SELECT COUNT(*) FROM spring_session").query(Long.class).single()
				+ jdbc.sql("SELECT COUNT(*) FROM spring_session_attributes").query(Long.class).single();
	}

	@Test
	void fiveThousandCookielessRequestsStoreNoSessionAndGrowTheDatabaseByLessThan100KB() throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		long rowsBefore = sessionRows();
		long bytesBefore = databaseBytes();

		ExecutorService visitors = Executors.newFixedThreadPool(4);
		try {
			List<Future<HttpResponse<String>>> answers = new ArrayList<>();
			for (int i = 0; i < REQUESTS; i++) {
				String page = PAGES.get(i % PAGES.size());
				answers.add(visitors.submit(() -> http.send(HttpRequest.newBuilder(URI.create(base() + page))
					.header("Accept", "text/html")
					.build(), HttpResponse.BodyHandlers.ofString())));
			}
			for (Future<HttpResponse<String>> answer : answers) {
				HttpResponse<String> response = answer.get();
				assertThat(response.statusCode()).isIn(200, 302);
				assertThat(response.headers().allValues("Set-Cookie")).noneMatch((c) -> c.startsWith("SESSION="));
			}
		}
		finally {
			visitors.shutdownNow();
		}

		assertThat(sessionRows()).as("session rows and attributes").isEqualTo(rowsBefore);
		assertThat(databaseBytes() - bytesBefore).as("bytes the database grew by").isLessThan(100 * 1024);
	}

	@Test
	void theSignInPageKeepsItsCsrfTokenInAnHttpOnlyCookieAndAProtectedPageIsRememberedInOne() throws Exception {
		HttpClient http = HttpClient.newHttpClient();

		HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(login.body()).contains("name=\"_csrf\"");
		assertThat(login.headers().allValues("Set-Cookie")).singleElement()
			.satisfies((cookie) -> assertThat(cookie).startsWith("XSRF-TOKEN=")
				.contains("; HttpOnly")
				.contains("; SameSite=Lax"));

		HttpResponse<String> protectedPage = http.send(HttpRequest.newBuilder(URI.create(base() + "/audit"))
			.header("Accept", "text/html")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(protectedPage.statusCode()).isEqualTo(302);
		assertThat(protectedPage.headers().allValues("Set-Cookie")).singleElement()
			.satisfies((cookie) -> assertThat(cookie).startsWith("REDIRECT_URI=").contains("; HttpOnly"));
	}

	@Test
	void aFailedSignInStoresNoSessionEither() throws Exception {
		CookieManager cookies = new CookieManager();
		HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
		long rowsBefore = sessionRows();
		HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.body());
		assertThat(csrf.find()).isTrue();

		HttpResponse<String> failed = browser.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=nobody-" + System.nanoTime()
					+ "&password=wrong-password&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(failed.statusCode()).isEqualTo(302);
		assertThat(failed.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login?error"));
		assertThat(sessionRows()).isEqualTo(rowsBefore);
	}

	@Test
	void aUserWhoOpenedAPageBeforeSigningInLandsOnItAfterwards() {
		ConsoleHttpClient browser = ConsoleHttpClient.anonymous(base());

		HttpResponse<String> asked = browser.get("/audit");
		assertThat(asked.statusCode()).isEqualTo(302);
		HttpResponse<String> askedAgain = browser.get("/audit");
		assertThat(askedAgain.statusCode()).as("the same page asked for again").isEqualTo(302);
		assertThat(askedAgain.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));
		HttpResponse<String> signedIn = browser.submitSignIn("admin", "bootstrap-password-for-tests");

		assertThat(signedIn.headers().firstValue("Location")).hasValue(base() + "/audit");
		HttpResponse<String> landed = browser.get("/audit");
		assertThat(landed.statusCode()).isEqualTo(200);
		assertThat(landed.body()).contains("Audit trail");
		assertThat(browser.cookies()).noneMatch((cookie) -> cookie.getName().equals("REDIRECT_URI")
				&& !cookie.getValue().isEmpty());
	}

	/** The remembered page is a path on the console: a cookie naming another site (set by someone else) is ignored. */
	@Test
	void aRememberedPageOnAnotherSiteIsIgnoredAtSignIn() {
		assertThat(signInRemembering("/audit")).hasValue(base() + "/audit");
		assertThat(signInRemembering("https://evil.example/phish")).hasValue(base() + "/");
		assertThat(signInRemembering("//evil.example/phish")).hasValue(base() + "/");
	}

	/** Where signing in leads a browser whose remembered-page cookie says {@code page}. */
	private Optional<String> signInRemembering(String page) {
		ConsoleHttpClient browser = ConsoleHttpClient.anonymous(base());
		HttpCookie planted = new HttpCookie("REDIRECT_URI",
				Base64.getEncoder().encodeToString(page.getBytes(StandardCharsets.UTF_8)));
		planted.setPath("/");
		planted.setVersion(0);
		browser.cookieStore().add(URI.create(base()), planted);
		return browser.submitSignIn("admin", "bootstrap-password-for-tests").headers().firstValue("Location");
	}

}
