package io.connectionsconsole.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.connectionsconsole.support.ConsoleTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that send their request bodies a byte every few seconds, over raw sockets, to the sign-in form and to the
 * API: others are still served at once, no platform thread waits on a slow body (requests run on virtual threads), and
 * each slow body is cut off when its time is up. Bodies announced larger than the limit are refused before they are
 * sent.
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "console.request-body.timeout=PT3S")
class SlowClientsTest {

	private static final int SLOW_CLIENTS = 1000;

	/**
	 * How many more platform threads the JVM may run while the slow clients trickle: far fewer than the clients, where
	 * a pool of platform threads (Tomcat's 200) would fill up with them.
	 */
	private static final int MORE_PLATFORM_THREADS_BOUND = 50;

	@LocalServerPort
	int port;

	private final List<Socket> sockets = new ArrayList<>();

	private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();

	@AfterEach
	void closeEverything() throws IOException {
		trickle.shutdownNow();
		for (Socket socket : sockets) {
			socket.close();
		}
	}

	@Test
	void aThousandClientsTricklingBodiesHoldNoThreadKeepNoOneElseWaitingAndAreCutOffWhenTheirTimeIsUp() throws Exception {
		int platformThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		List<Socket> signIns = new ArrayList<>();
		List<Socket> apiCalls = new ArrayList<>();
		for (int i = 0; i < SLOW_CLIENTS / 2; i++) {
			signIns.add(startBody("/login", "Content-Type: application/x-www-form-urlencoded\r\n", 1000));
			apiCalls.add(startBody("/", "Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: "
					+ "AppRunner.ListConnections\r\n", 1000));
		}
		trickle.scheduleAtFixedRate(() -> sockets.forEach(SlowClientsTest::sendOneByte), 0, 2, TimeUnit.SECONDS);

		HttpClient newClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		for (int i = 0; i < 3; i++) {
			assertThat(ManagementFactory.getThreadMXBean().getThreadCount() - platformThreadsBefore)
				.isLessThan(MORE_PLATFORM_THREADS_BOUND);
			long start = System.nanoTime();
			HttpResponse<String> login = newClient.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString());
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(login.statusCode()).isEqualTo(200);
			assertThat(took).isLessThan(Duration.ofSeconds(2));
			Thread.sleep(500);
		}

		// 3 s for the whole body, a byte every 2 s: every slow body is refused within a few seconds more.
		for (Socket socket : signIns) {
			assertThat(answer(socket, Duration.ofSeconds(10))).startsWith("HTTP/1.1 408");
		}
		for (Socket socket : apiCalls) {
			assertThat(answer(socket, Duration.ofSeconds(10))).startsWith("HTTP/1.1 408")
				.contains("x-amzn-ErrorType: RequestTimeoutException");
		}
	}

	@Test
	void aGitRequestRefusedBeforeItsBodyIsReadEndsWithoutWaitingForTheBody() throws Exception {
		// a form's content type: anything that read the body's parameters would wait for the whole trickle
		Socket push = startBody("/git-http/123456789012/us-east-1/0123456789abcdef0123456789abcdef/o/n.git"
				+ "/git-receive-pack", "Content-Type: application/x-www-form-urlencoded\r\n", 200_000);
		trickle.scheduleAtFixedRate(() -> sendOneByte(push), 0, 1, TimeUnit.SECONDS);

		assertThat(answer(push, Duration.ofSeconds(3))).startsWith("HTTP/1.1 403");
		// the request is over, its body unread: the console closes the connection rather than drain it
		push.setSoTimeout(3000);
		InputStream rest = push.getInputStream();
		while (rest.read() >= 0) {
			// the refusal's page
		}
	}

	@Test
	void aBodyAnnouncedLargerThanTheLimitIsRefusedBeforeItIsSent() throws Exception {
		Socket signIn = startBody("/login", "Content-Type: application/x-www-form-urlencoded\r\n", 10_000_000);
		Socket apiCall = startBody("/", "Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: "
				+ "AppRunner.CreateConnection\r\n", 10_000_000);

		assertThat(answer(signIn, Duration.ofSeconds(2))).startsWith("HTTP/1.1 413");
		assertThat(answer(apiCall, Duration.ofSeconds(2))).startsWith("HTTP/1.1 413")
			.contains("x-amzn-ErrorType: RequestEntityTooLargeException");
	}

	private String base() {
		return "http://127.0.0.1:" + port;
	}

	/** Opens a connection and sends a request's headers and the first byte of its body. */
	private Socket startBody(String path, String headers, int contentLength) throws IOException {
		Socket socket = new Socket("127.0.0.1", port);
		sockets.add(socket);
		OutputStream out = socket.getOutputStream();
		out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + headers + "Content-Length: "
				+ contentLength + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return socket;
	}

	private static void sendOneByte(Socket socket) {
		try {
			socket.getOutputStream().write('a');
			socket.getOutputStream().flush();
		}
		catch (IOException ex) {
			// refused and closed by the console: nothing more to send
		}
	}

	/** The answer's status line and headers, read within {@code timeout}. */
	private static String answer(Socket socket, Duration timeout) throws IOException {
		socket.setSoTimeout((int) timeout.toMillis());
		BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
		StringBuilder head = new StringBuilder();
		try {
			for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
				head.append(line).append('\n');
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No answer within " + timeout + " after: " + head, ex);
		}
		return head.toString();
	}

}
