package io.connectionsconsole.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookieStore;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's browser without a browser: signs in through the real sign-in form over HTTP (or stays anonymous), keeps the
 * cookies the console sets, and posts forms with the CSRF token of its session. Redirects are not followed, so that tests see
 * each answer the console gives.
 */
public final class ConsoleHttpClient {

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.cookieHandler(cookies)
		.build();

	private final String base;

	private final AtomicInteger sent = new AtomicInteger();

	private String csrf;

	private ConsoleHttpClient(String base) {
		this.base = base;
	}

	/** A browser that has not signed in. */
	public static ConsoleHttpClient anonymous(String base) {
		return new ConsoleHttpClient(base);
	}

	/** Signs in at the console on {@code base} ({@code http://localhost:port}). */
	public static ConsoleHttpClient signIn(String base, String username, String password) {
		ConsoleHttpClient client = new ConsoleHttpClient(base);
		HttpResponse<String> signedIn = client.submitSignIn(username, password);
		if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("/login")) {
			throw new IllegalStateException("Sign-in as " + username + " failed: " + signedIn.statusCode());
		}
		client.csrf = csrfOf(client.get("/settings/credentials").body());
		return client;
	}

	/**
	 * Opens the sign-in page in this browser and submits it: the console's answer, a redirect to where the user goes
	 * next (or back to the sign-in page).
	 */
	public HttpResponse<String> submitSignIn(String username, String password) {
		HttpResponse<String> form = get("/login");
		return send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + encode(username) + "&password=" + encode(password)
					+ "&_csrf=" + encode(csrfOf(form.body())))));
	}

	/** Opens {@code path}, with any further {@code headers} (name, value, name, value…), such as htmx's. */
	public HttpResponse<String> get(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	/**
	 * Posts the form fields ({@code name=value&…}, encoded) with the session's CSRF token, and any further
	 * {@code headers} (name, value, name, value…), such as those a proxy adds.
	 */
	public HttpResponse<String> post(String path, String form, String... headers) {
		String body = (form.isEmpty() ? "" : form + "&") + "_csrf=" + encode(csrf);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Accept", "text/html")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	/** Follows a link, such as the provider's redirect back to the console, in this browser. */
	public HttpResponse<String> open(URI link) {
		return send(HttpRequest.newBuilder(link).header("Accept", "text/html").GET());
	}

	/** The cookies the console set, such as the session cookie. */
	public List<HttpCookie> cookies() {
		return cookies.getCookieStore().getCookies();
	}

	/** The browser's cookie jar, to plant a cookie as another site or a script might. */
	public CookieStore cookieStore() {
		return cookies.getCookieStore();
	}

	/** The CSRF token the session's forms carry. */
	public String csrfToken() {
		return csrf;
	}

	/** How many requests this browser has sent to the console, its sign-in included. */
	public int requestsSent() {
		return sent.get();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		sent.incrementAndGet();
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not reach the console", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String csrfOf(String page) {
		Matcher token = CSRF_FIELD.matcher(page);
		if (!token.find()) {
			throw new IllegalStateException("No CSRF field in the page");
		}
		return token.group(1);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
