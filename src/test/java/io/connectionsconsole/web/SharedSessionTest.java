package io.connectionsconsole.web;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.connectionsconsole.ConsoleApplication;
import io.connectionsconsole.support.SessionIds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two console instances on one database, as behind a load balancer: a user signed in on one is signed in on the
 * other, and signing out on one signs out on both. Each instance keeps copies of the sessions it serves; a change
 * made on the other instance is seen all the same.
 */
class SharedSessionTest {

	private static final String DATABASE = "jdbc:h2:mem:shared-sessions;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";

	private static ConfigurableApplicationContext one;

	private static ConfigurableApplicationContext two;

	/** One browser for both instances, as behind a load balancer: they share a host name, so it sends them the same cookies. */
	private final CookieManager cookies = new CookieManager();

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

	@BeforeAll
	static void startTwoInstances() {
		one = instance();
		two = instance();
	}

	@AfterAll
	static void stopThem() {
		two.close();
		one.close();
	}

	private static ConfigurableApplicationContext instance() {
		return SpringApplication.run(ConsoleApplication.class, "--server.port=0", "--spring.datasource.url=" + DATABASE,
				"--console.token-key=shared-session-test-key-0123456789", "--console.check.enabled=false",
				"--console.admin.password=shared-password", "--logging.level.root=warn");
	}

	private static String base(ConfigurableApplicationContext context) {
		return "http://localhost:" + context.getBean(Environment.class).getProperty("local.server.port");
	}

	private HttpResponse<String> get(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String csrf(String page) {
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(token.find()).as("a CSRF field in the page").isTrue();
		return URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
	}

	private HttpResponse<String> post(String url, String form) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The value of the browser's session cookie. */
	private String sessionCookie() {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("SESSION"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow();
	}

	/** Signs in as the administrator on {@code instance}. */
	private void signIn(ConfigurableApplicationContext instance) throws Exception {
		HttpResponse<String> loginPage = get(base(instance) + "/login");
		HttpResponse<String> signedIn = post(base(instance) + "/login",
				"username=admin&password=shared-password&_csrf=" + csrf(loginPage.body()));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/"));
	}

	/** Adds a connection through the form on {@code instance}: the path and query that its redirect leads to. */
	private String addConnection(ConfigurableApplicationContext instance, String name) throws Exception {
		HttpResponse<String> form = get(base(instance) + "/connections/new?region=us-east-1");
		HttpResponse<String> added = post(base(instance) + "/connections",
				"region=us-east-1&name=" + name + "&providerType=GITHUB&_csrf=" + csrf(form.body()));
		assertThat(added.statusCode()).isEqualTo(302);
		URI location = URI.create(added.headers().firstValue("Location").orElseThrow());
		return location.getRawPath() + "?" + location.getRawQuery();
	}

	@Test
	void aUserSignedInOnOneInstanceIsSignedInOnTheOtherUntilSigningOut() throws Exception {
		signIn(one);

		HttpResponse<String> onTwo = get(base(two) + "/connections?region=us-east-1");
		assertThat(onTwo.statusCode()).isEqualTo(200);
		assertThat(onTwo.body()).contains("Signed in as admin");

		String session = sessionCookie();
		HttpResponse<String> signedOut = post(base(two) + "/logout", "_csrf=" + csrf(onTwo.body()));
		assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login?logout"));
		// The session's cookie kept (a copy, or a browser that ignored the sign-out) is signed in nowhere.
		HttpResponse<String> backOnOne = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base(one) + "/connections?region=us-east-1"))
				.header("Accept", "text/html")
				.header("Cookie", "SESSION=" + session)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(backOnOne.statusCode()).isEqualTo(302);
		assertThat(backOnOne.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));
	}

	@Test
	void aFlashMessageSetByAPostOnOneInstanceShowsOnTheOther() throws Exception {
		signIn(one);

		String location = addConnection(one, "flash-across");

		HttpResponse<String> onTwo = get(base(two) + location);
		assertThat(onTwo.statusCode()).isEqualTo(200);
		assertThat(onTwo.body()).contains("Connection flash-across was added.");
	}

	@Test
	void aSessionChangedOnOneInstanceIsNotServedFromTheOthersOlderCopy() throws Exception {
		signIn(one);
		assertThat(get(base(one) + "/connections?region=us-east-1").body()).contains("Signed in as admin")
			.doesNotContain("was added.");

		String location = addConnection(two, "changed-on-two");

		assertThat(get(base(one) + location).body()).contains("Connection changed-on-two was added.");
		assertThat(get(base(two) + location).body()).as("the flash message shows once, on either instance")
			.contains("Signed in as admin")
			.doesNotContain("was added.");
	}

	@Test
	void theDatabaseHoldsTheSessionIdOnlyAsItsHash() throws Exception {
		signIn(one);
		String value = sessionCookie();
		String id = SessionIds.fromCookie(value);
		String sha256 = SessionIds.sha256(id);
		JdbcClient jdbc = one.getBean(JdbcClient.class);

		assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE session_id = :hash")
			.param("hash", sha256)
			.query(Long.class)
			.single()).isOne();
		// H2 writes the whole database out as SQL, binary columns in hex.
		String database = String.join("\n", jdbc.sql("SCRIPT").query(String.class).list());
		assertThat(database).contains(sha256)
			.doesNotContain(value)
			.doesNotContain(id)
			.doesNotContainIgnoringCase(HexFormat.of().formatHex(id.getBytes(StandardCharsets.UTF_8)));
	}

}
