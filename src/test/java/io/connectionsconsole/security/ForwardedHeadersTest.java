package io.connectionsconsole.security;

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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console makes of the X-Forwarded-* headers a TLS proxy sets ({@code server.forward-headers-strategy=native},
 * Tomcat's RemoteIpValve), from a proxy it trusts: a private or loopback address, such as the test client's 127.0.0.1.
 * The request is the browser's, over HTTPS: the answer carries HSTS and Secure cookies and links to the proxy's address.
 * {@link UntrustedForwardedHeadersTest}: from anyone else, the headers are ignored.
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ForwardedHeadersTest {

	/** What nginx in front of the console sets for a browser that asked https://console.example.com. */
	static final String[] THROUGH_TLS_PROXY = { "X-Forwarded-Proto", "https", "X-Forwarded-Host",
			"console.example.com", "X-Forwarded-Port", "443", "X-Forwarded-For", "203.0.113.7" };

	@LocalServerPort
	int port;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	AuditLog audit;

	static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept", "text/html");
		if (headers.length > 0) {
			request.headers(headers);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void overHttpsTheAnswerCarriesHstsAndSecureCookiesAndLinksToTheProxysAddress() throws Exception {
		HttpResponse<String> login = get(port, "/login", THROUGH_TLS_PROXY);
		assertThat(login.headers().firstValue("Strict-Transport-Security"))
			.hasValue("max-age=31536000 ; includeSubDomains");
		assertThat(login.headers().allValues("Set-Cookie")).singleElement()
			.satisfies((cookie) -> assertThat(cookie).startsWith("XSRF-TOKEN=").contains("; Secure"));

		HttpResponse<String> protectedPage = get(port, "/audit", THROUGH_TLS_PROXY);
		assertThat(protectedPage.headers().firstValue("Location")).hasValue("https://console.example.com/login");
		assertThat(protectedPage.headers().allValues("Set-Cookie")).singleElement()
			.satisfies((cookie) -> assertThat(cookie).startsWith("REDIRECT_URI=").contains("; Secure"));
	}

	@Test
	void overPlainHttpThereIsNoHstsAndNoSecureCookie() throws Exception {
		HttpResponse<String> login = get(port, "/login");

		assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
		assertThat(login.headers().allValues("Set-Cookie")).singleElement()
			.satisfies((cookie) -> assertThat(cookie).doesNotContain("Secure"));
	}

	/**
	 * A proxy passes on whatever the client put in X-Forwarded-For; 2 000 characters of it are cut to what an address
	 * can be before they are stored, and the failed sign-in is in the audit trail.
	 */
	@Test
	void aForwardedForOfTwoThousandCharactersIsCutShortAndTheFailedSignInIsInTheAuditTrail() throws Exception {
		Caller user = testAccounts.newAdmin();
		String forwardedFor = "2001:db8::" + "f".repeat(1_990);
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
			.header("X-Forwarded-For", forwardedFor)
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.body());
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(csrf.find()).isTrue();

		HttpResponse<String> failed = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
			.header("X-Forwarded-For", forwardedFor)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + user.username() + "&password=wrong-password&_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(failed.statusCode()).isEqualTo(302);
		assertThat(failed.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login?error"));
		assertThat(audit.latest(user.accountId().value(), 1)).singleElement().satisfies((event) -> {
			assertThat(event.action()).isEqualTo("SignInFailed");
			assertThat(event.detail())
				.isEqualTo("from " + forwardedFor.substring(0, SignInThrottle.MAX_ADDRESS_LENGTH) + "…");
		});
	}

}
