package io.connectionsconsole.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import io.connectionsconsole.ConsoleApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two console instances on one database, as behind a load balancer: a user signed in on one is signed in on the
 * other, and signing out on one signs out on both.
 */
class SharedSessionTest {

	private static final String DATABASE = "jdbc:h2:mem:shared-sessions;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";

	private final HttpClient http = HttpClient.newHttpClient();

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
		return token.group(1);
	}

	private HttpResponse<String> post(String url, String cookie, String form) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Cookie", cookie)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void aUserSignedInOnOneInstanceIsSignedInOnTheOtherUntilSigningOut() throws Exception {
		try (ConfigurableApplicationContext one = instance(); ConfigurableApplicationContext two = instance()) {
			HttpResponse<String> loginPage = get(base(one) + "/login", null);
			String cookie = sessionCookie(loginPage);
			HttpResponse<String> signedIn = post(base(one) + "/login", cookie, "username=admin&password=shared-password&_csrf="
					+ URLEncoder.encode(csrf(loginPage.body()), StandardCharsets.UTF_8));
			assertThat(signedIn.statusCode()).isEqualTo(302);
			assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/"));
			cookie = sessionCookie(signedIn) != null ? sessionCookie(signedIn) : cookie;

			HttpResponse<String> onTwo = get(base(two) + "/connections?region=us-east-1", cookie);
			assertThat(onTwo.statusCode()).isEqualTo(200);
			assertThat(onTwo.body()).contains("Signed in as admin");

			HttpResponse<String> signedOut = post(base(two) + "/logout", cookie,
					"_csrf=" + URLEncoder.encode(csrf(onTwo.body()), StandardCharsets.UTF_8));
			assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login?logout"));
			HttpResponse<String> backOnOne = get(base(one) + "/connections?region=us-east-1", cookie);
			assertThat(backOnOne.statusCode()).isEqualTo(302);
			assertThat(backOnOne.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));
		}
	}

}
