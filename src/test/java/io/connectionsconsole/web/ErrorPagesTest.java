package io.connectionsconsole.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.security.SecurityConfiguration;
import io.connectionsconsole.support.ConsoleHttpClient;
import io.connectionsconsole.support.LogLines;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error pages a browser gets when the console refuses a request before reading it, over raw sockets to a running
 * console: each says in words what happened and what to do.
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "console.request-body.timeout=PT2S")
@ExtendWith(OutputCaptureExtension.class)
class ErrorPagesTest {

	@LocalServerPort
	int port;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	ConnectionService connections;

	@Autowired
	RegionCatalogue regions;

	/** What the client does once it has sent the start of its body. */
	private enum Then {
		WAITS, TRICKLES_A_BYTE_EVERY_HALF_SECOND, ENDS_ITS_SIDE
	}

	/** A form post to the sign-in page whose head announces {@code contentLength} bytes of body. */
	private String formHead(String contentType, int contentLength) {
		return "POST /login HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/html\r\nContent-Type: " + contentType
				+ "\r\nContent-Length: " + contentLength + "\r\n\r\n";
	}

	/** An API call whose head announces 100 bytes of body. */
	private String apiHead() {
		return "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/x-amz-json-1.0"
				+ "\r\nX-Amz-Target: AppRunner.ListConnections\r\nContent-Length: 100\r\n\r\n";
	}

	/** Sends {@code head} and {@code body}, does what {@code then} says, and answers the whole response. */
	private String exchange(String head, String body, Then then) throws IOException {
		ScheduledExecutorService bytes = Executors.newSingleThreadScheduledExecutor();
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
			OutputStream out = socket.getOutputStream();
			out.write((head + body).getBytes(StandardCharsets.UTF_8));
			out.flush();
			switch (then) {
				case WAITS -> {
				}
				case TRICKLES_A_BYTE_EVERY_HALF_SECOND ->
					bytes.scheduleAtFixedRate(() -> sendOneByte(out), 500, 500, TimeUnit.MILLISECONDS);
				case ENDS_ITS_SIDE -> socket.shutdownOutput();
			}
			return readUntilClosed(socket.getInputStream());
		}
		finally {
			bytes.shutdownNow();
		}
	}

	private String exchange(String contentType, int contentLength, String body, boolean trickle) throws IOException {
		return exchange(formHead(contentType, contentLength), body,
				trickle ? Then.TRICKLES_A_BYTE_EVERY_HALF_SECOND : Then.WAITS);
	}

	private static void sendOneByte(OutputStream out) {
		try {
			out.write('a');
			out.flush();
		}
		catch (IOException ex) {
			// refused and closed by the console: nothing more to send
		}
	}

	private static String readUntilClosed(InputStream in) throws IOException {
		StringBuilder response = new StringBuilder();
		byte[] buffer = new byte[8192];
		try {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				response.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
				if (response.indexOf("</html>") >= 0) {
					break;
				}
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("No whole answer within 10 s: " + response, ex);
		}
		return response.toString();
	}

	@Test
	void aBodyTooLargeIsRefusedWithAPageNamingTheLimit() throws Exception {
		String response = exchange("application/x-www-form-urlencoded", 10_000_000, "username=", false);

		assertThat(response).startsWith("HTTP/1.1 413")
			// refused before Spring Security saw it, the page has the console's headers all the same
			.containsIgnoringCase("Content-Security-Policy: " + SecurityConfiguration.CONTENT_SECURITY_POLICY)
			.containsIgnoringCase("X-Frame-Options: DENY")
			.containsIgnoringCase("X-Content-Type-Options: nosniff")
			.contains("<title>Request too large | Connections Console</title>")
			.contains("The request was larger than the 256 KB the console accepts, so it was refused before it was "
					+ "read. Nothing was changed.");
	}

	@Test
	void aBodyThatDoesNotArriveInTimeIsRefusedWithAPageSayingSo() throws Exception {
		String response = exchange("application/x-www-form-urlencoded", 100, "username=a", true);

		assertThat(response).startsWith("HTTP/1.1 408")
			.contains("<h1>Request took too long</h1>")
			.contains("The request did not arrive whole within 2 seconds, so the console stopped waiting for it.");
	}

	/**
	 * A client silent in the middle of its request's headers is cut off within the connection time-out (5 s), however
	 * long the console waits for a client reading an answer: idle sockets don't pile up.
	 */
	@Test
	void aClientSilentInItsHeadersIsCutOffWithinSeconds() throws Exception {
		long started = System.nanoTime();

		String response = exchange("GET /login HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: te", "", Then.WAITS);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(9));
		assertThat(response).doesNotContain("200");
	}

	@Test
	void aClientThatGoesSilentMidBodyGetsTheConsolesPage() throws Exception {
		String response = exchange("application/x-www-form-urlencoded", 100, "username=a", false);

		assertThat(response).startsWith("HTTP/1.1 408")
			.contains("<title>Request took too long | Connections Console</title>")
			.contains("so the console stopped waiting for it.")
			.doesNotContain("HTTP Status");
	}

	@Test
	void anApiClientThatGoesSilentMidBodyGetsAnAwsJsonError() throws Exception {
		String response = exchange(apiHead(), "{\"MaxResults\"", Then.WAITS);

		assertThat(response).startsWith("HTTP/1.1 408")
			.contains("x-amzn-ErrorType: RequestTimeoutException")
			.contains("{\"__type\":\"RequestTimeoutException\"")
			.doesNotContain("\"timestamp\"");
	}

	@Test
	void anApiClientThatEndsItsBodyShortIsRefusedAsAnInvalidRequestAndLoggedAsNoFailure(CapturedOutput output)
			throws Exception {
		String response = exchange(apiHead(), "{\"MaxResults\"", Then.ENDS_ITS_SIDE);

		assertThat(response).startsWith("HTTP/1.1 400")
			.contains("{\"__type\":\"InvalidRequestException\"")
			.contains("The request body ended before all of it arrived.");
		assertThat(output).doesNotContain("failed").doesNotContain("InternalServiceErrorException");
	}

	@Test
	void aFormWhoseClientEndsItsBodyShortGetsTheConsolesPage() throws Exception {
		String response = exchange(formHead("application/x-www-form-urlencoded", 100), "username=a", Then.ENDS_ITS_SIDE);

		assertThat(response).startsWith("HTTP/1.1 400")
			.contains("<h1>Request not valid</h1>")
			.doesNotContain("HTTP Status");
	}

	@Test
	void aFormThatIsNotUrlEncodedIsRefusedAsARequestNotValid() throws Exception {
		String body = "username=%zz";
		String response = exchange("application/x-www-form-urlencoded", body.length(), body, false);

		assertThat(response).startsWith("HTTP/1.1 400")
			.contains("<h1>Request not valid</h1>")
			.contains("The console could not read this request")
			.doesNotContain("Something went wrong");
	}

	/**
	 * A query string that is not percent-encoded UTF-8 is a request not valid, not a failure; its values, which may
	 * be a provider's code or state, are not written to the log.
	 */
	@Test
	void aQueryStringThatCantBeDecodedIsRefusedAndNoneOfItIsLogged(CapturedOutput output) throws Exception {
		String page = exchange("GET /login?code=SECRETCODE0123%ff HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nAccept: text/html\r\nConnection: close\r\n\r\n", "", Then.WAITS);
		String body = "username=a&password=b";
		String form = exchange("POST /login?state=SECRETSTATE%ff HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nAccept: text/html\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
				+ body.length() + "\r\nConnection: close\r\n\r\n", body, Then.WAITS);

		assertThat(page).startsWith("HTTP/1.1 400").contains("<h1>Request not valid</h1>");
		assertThat(form).startsWith("HTTP/1.1 400").contains("<h1>Request not valid</h1>");
		assertThat(LogLines.at(output, "ERROR")).isEmpty();
		assertThat(output).doesNotContain("SECRETCODE").doesNotContain("SECRETSTATE");
	}

	/** The console takes no multipart form: one without its boundary is a request refused, not a failure. */
	@Test
	void aMultipartFormWithoutItsBoundaryIsRefusedAndLoggedAsNoFailure(CapturedOutput output) throws Exception {
		String body = "username=a";
		String response = exchange("multipart/form-data", body.length(), body, false);

		assertThat(response).startsWith("HTTP/1.1 4").doesNotContain("Something went wrong");
		assertThat(LogLines.at(output, "ERROR")).isEmpty();
		assertThat(output).doesNotContain("FileUploadException");
	}

	/**
	 * What Tomcat refuses before the console sees it (an encoded slash, backslash or NUL in the path, a request line
	 * past its limit) gets the console's words for a request not valid, not Tomcat's own report.
	 */
	@Test
	void aRequestTomcatRefusesUnreadGetsTheConsolesWordsForIt(CapturedOutput output) throws Exception {
		for (String target : new String[] { "/hosts/%2Fx", "/hosts/%5Cx", "/hosts/%00x",
				"/connections?filter=" + "x".repeat(9_000) }) {
			String response = exchange("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
					+ "\r\nAccept: text/html\r\n\r\n", "", Then.WAITS);

			assertThat(response).as(target.substring(0, Math.min(target.length(), 40)))
				.startsWith("HTTP/1.1 400")
				.contains("X-Content-Type-Options: nosniff")
				.contains("Content-Security-Policy: default-src 'none'")
				.contains("<h1>Request not valid</h1>")
				.contains("id=\"problem-message\">The console could not read this request")
				.doesNotContain("HTTP Status")
				.doesNotContain("Tomcat");
		}
		// each left a trace in the log, at INFO as any refusal of input, without its path
		assertThat(LogLines.containing(output, "request answered 400 by the server itself")).hasSize(4)
			.allSatisfy((line) -> assertThat(LogLines.levelOf(line)).isEqualTo("INFO"))
			.noneSatisfy((line) -> assertThat(line).contains("/hosts/"));
	}

	/**
	 * A header with a control character in its value (a C1 byte of mistyped UTF-8), which Spring Security's firewall
	 * refuses, is a request not valid in the form its client reads: the console's page, or the API's JSON error.
	 */
	@Test
	void aControlCharacterInAHeaderIsARequestNotValidInTheClientsForm(CapturedOutput output) throws Exception {
		String page = exchange("GET /login HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nAccept: text/html\r\nHX-Request: true\u0085\r\nConnection: close\r\n\r\n", "", Then.WAITS);
		String api = exchange("POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nX-Amz-Target: AppRunner.ListConnections\u0085\r\nContent-Type: application/x-amz-json-1.0"
				+ "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n", "{}", Then.WAITS);

		assertThat(page).startsWith("HTTP/1.1 400")
			.contains("id=\"problem-message\">The console could not read this request");
		assertThat(api).startsWith("HTTP/1.1 400")
			.contains("x-amzn-ErrorType: InvalidRequestException")
			.contains("{\"__type\":\"InvalidRequestException\",\"Message\":\"The request holds a header or path");
		assertThat(LogLines.at(output, "ERROR")).isEmpty();
	}

	/** A dialog asked for in place whose answer is an error page gets the page, with the problem the script shows. */
	@Test
	void anErrorAnsweringADialogAskedForInPlaceIsThePageWithItsProblem() {
		Caller caller = testAccounts.newAdmin();
		ConsoleHttpClient browser = ConsoleHttpClient.signIn("http://127.0.0.1:" + port, caller.username(),
				TestAccounts.PASSWORD);

		// as htmx asks: Accept text/html is the client's own (the layout's), for every request
		HttpResponse<String> answer = browser.get("/connections/no-such-dialog/here", "HX-Request", "true",
				"HX-Target", "modal-root");

		assertThat(answer.statusCode()).isEqualTo(404);
		assertThat(answer.body()).contains("id=\"problem-message\">There is nothing at this address.");
	}

	/**
	 * A form whose CSRF token is not the one of the browser's session now (it was opened before the user signed in
	 * again) is refused as the form's fault, not the user's: an administrator is not told they may not do this.
	 */
	@Test
	void aFormWithAStaleCsrfTokenGetsAPageSayingToReloadItAndChangesNothing() {
		Caller caller = testAccounts.newAdmin();
		ConsoleHttpClient browser = ConsoleHttpClient.signIn("http://127.0.0.1:" + port, caller.username(),
				TestAccounts.PASSWORD);

		// the stale token first: the form's own, which the console reads, before the one the client adds
		HttpResponse<String> page = browser.post("/connections?region=us-east-1",
				"_csrf=bm90LXRoZS1zZXNzaW9ucy10b2tlbg&name=stale-form&providerType=GITHUB");

		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.body()).contains("<h1>Form expired</h1>")
			.contains("reload the page and send it again")
			.doesNotContain("You are not allowed");
		assertThat(connections.count(caller, regions.require("us-east-1"), null)).isZero();
	}

	@Test
	void errorAskedForDirectlyIsAPageThatIsNotThere() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		URI error = URI.create("http://127.0.0.1:" + port + "/error");

		HttpResponse<String> page = http.send(HttpRequest.newBuilder(error).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> json = http.send(HttpRequest.newBuilder(error).header("Accept", "application/json").build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("<h1>Not found</h1>").contains("There is nothing at this address.");
		assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying((c) -> assertThat(c).contains("no-store"));
		assertThat(json.statusCode()).isEqualTo(404);
		assertThat(json.body()).contains("\"status\":404");
		URI encoded = URI.create("http://127.0.0.1:" + port + "/%65rror");
		HttpResponse<String> encodedPage = http.send(HttpRequest.newBuilder(encoded).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> encodedApi = http.send(HttpRequest.newBuilder(encoded)
			.header("X-Amz-Target", "AppRunner.ListConnections")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(encodedPage.statusCode()).isEqualTo(404);
		assertThat(encodedPage.body()).contains("<h1>Not found</h1>");
		assertThat(encodedApi.statusCode()).isEqualTo(404);
	}

}
