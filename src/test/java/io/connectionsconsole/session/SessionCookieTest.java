package io.connectionsconsole.session;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.SessionIds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session cookie as browsers get it from the running console, and the session rows behind it (Spring Session
 * JDBC). A real server: the cookie's attributes come from the embedded Tomcat's configuration.
 */
@ConsoleTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SessionCookieTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	/** A browser: keeps the cookies the console sets (the CSRF cookie of the sign-in page among them). */
	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	/** A visitor's first page: the sign-in page and its CSRF token. */
	private HttpResponse<String> loginPage() throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> signIn(HttpResponse<String> loginPage, String forwardedProto) throws Exception {
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage.body());
		assertThat(csrf.find()).isTrue();
		HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=admin&password=bootstrap-password-for-tests&_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)));
		if (forwardedProto != null) {
			post.header("X-Forwarded-Proto", forwardedProto);
		}
		HttpResponse<String> signedIn = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).doesNotContain("/login"));
		return signedIn;
	}

	private static String sessionCookie(HttpResponse<?> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((c) -> c.startsWith("SESSION="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
	}

	private long rowsOf(String setCookie) {
		String value = setCookie.substring("SESSION=".length(), setCookie.indexOf(';'));
		return jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE session_id = :hash")
			.param("hash", SessionIds.sha256(SessionIds.fromCookie(value)))
			.query(Long.class)
			.single();
	}

	@Test
	void theSignInPageStoresNoSessionAndSigningInStartsOne() throws Exception {
		HttpResponse<String> loginPage = loginPage();
		assertThat(loginPage.headers().allValues("Set-Cookie")).noneMatch((c) -> c.startsWith("SESSION="));

		String session = sessionCookie(signIn(loginPage, null));

		assertThat(rowsOf(session)).isOne();
	}

	/**
	 * Someone who signs in on a browser with a live session, such as another user's left behind, gets a session under a
	 * new id: whoever knew the old id (or set it) is not signed in as them.
	 */
	@Test
	void signingInOnASessionGivesItANewIdAndTheOldOneNoLongerExists() throws Exception {
		String before = sessionCookie(signIn(loginPage(), null));
		assertThat(rowsOf(before)).isOne();

		String after = sessionCookie(signIn(loginPage(), null));

		assertThat(after.split(";")[0]).isNotEqualTo(before.split(";")[0]);
		assertThat(rowsOf(after)).isOne();
		assertThat(rowsOf(before)).isZero();
	}

	@Test
	void theCookieIsHttpOnlyAndSameSiteLaxAndSecureBehindATlsProxy() throws Exception {
		String plain = sessionCookie(signIn(loginPage(), null));
		assertThat(plain).contains("; HttpOnly").contains("; SameSite=Lax").doesNotContain("Secure");

		String behindTls = sessionCookie(signIn(loginPage(), "https"));
		assertThat(behindTls).contains("; HttpOnly").contains("; SameSite=Lax").contains("; Secure");
	}

}
