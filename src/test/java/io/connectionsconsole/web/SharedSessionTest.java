package io.connectionsconsole.web;

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

	private final HttpClient http = HttpClient.newHttpClient();

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

	private HttpResponse<String> get(String url, String cookie) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html");
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String sessionCookie(HttpResponse<?> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((c) -> c.startsWith("SESSION="))
			.map((c) -> c.substring(0, c.indexOf(';')))
			.findFirst()
			.orElse(null);
	}

	private static String csrf(String page) {
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(token.find()).as("a CSRF field in the page").isTrue();
		return URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
	}

	private HttpResponse<String> post(String url, String cookie, String form) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Cookie", cookie)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Signs in as the administrator on {@code instance}: the session cookie that the sign-in leaves. */
	private String signIn(ConfigurableApplicationContext instance) throws Exception {
		HttpResponse<String> loginPage = get(base(instance) + "/login", null);
		String cookie = sessionCookie(loginPage);
		HttpResponse<String> signedIn = post(base(instance) + "/login", cookie,
				"username=admin&password=shared-password&_csrf=" + csrf(loginPage.body()));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/"));
		return (sessionCookie(signedIn) != null) ? sessionCookie(signedIn) : cookie;
	}

	/** Adds a connection through the form on {@code instance}: the path and query that its redirect leads to. */
	private String addConnection(ConfigurableApplicationContext instance, String cookie, String name) throws Exception {
		HttpResponse<String> form = get(base(instance) + "/connections/new?region=us-east-1", cookie);
		HttpResponse<String> added = post(base(instance) + "/connections", cookie,
				"region=us-east-1&name=" + name + "&providerType=GITHUB&_csrf=" + csrf(form.body()));
		assertThat(added.statusCode()).isEqualTo(302);
		URI location = URI.create(added.headers().firstValue("Location").orElseThrow());
		return location.getRawPath() + "?" + location.getRawQuery();
	}

	@Test
	void aUserSignedInOnOneInstanceIsSignedInOnTheOtherUntilSigningOut() throws Exception {
		String cookie = signIn(one);

		HttpResponse<String> onTwo = get(base(two) + "/connections?region=us-east-1", cookie);
		assertThat(onTwo.statusCode()).isEqualTo(200);
		assertThat(onTwo.body()).contains("Signed in as admin");

		HttpResponse<String> signedOut = post(base(two) + "/logout", cookie, "_csrf=" + csrf(onTwo.body()));
		assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login?logout"));
		HttpResponse<String> backOnOne = get(base(one) + "/connections?region=us-east-1", cookie);
		assertThat(backOnOne.statusCode()).isEqualTo(302);
		assertThat(backOnOne.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));
	}

	@Test
	void aFlashMessageSetByAPostOnOneInstanceShowsOnTheOther() throws Exception {
		String cookie = signIn(one);

		String location = addConnection(one, cookie, "flash-across");

		HttpResponse<String> onTwo = get(base(two) + location, cookie);
		assertThat(onTwo.statusCode()).isEqualTo(200);
		assertThat(onTwo.body()).contains("Connection flash-across was added.");
	}

	@Test
	void aSessionChangedOnOneInstanceIsNotServedFromTheOthersOlderCopy() throws Exception {
		String cookie = signIn(one);
		assertThat(get(base(one) + "/connections?region=us-east-1", cookie).body()).contains("Signed in as admin")
			.doesNotContain("was added.");

		String location = addConnection(two, cookie, "changed-on-two");

		assertThat(get(base(one) + location, cookie).body()).contains("Connection changed-on-two was added.");
		assertThat(get(base(two) + location, cookie).body()).as("the flash message shows once, on either instance")
			.contains("Signed in as admin")
			.doesNotContain("was added.");
	}

	@Test
	void theDatabaseHoldsTheSessionIdOnlyAsItsHash() throws Exception {
		String cookie = signIn(one);
		String value = cookie.substring("SESSION=".length());
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
