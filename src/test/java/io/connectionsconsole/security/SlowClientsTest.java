package io.connectionsconsole.security;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

	private RawClients clients;

	private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();

	@BeforeEach
	void clients() {
		clients = new RawClients(port);
	}

	@AfterEach
	void closeEverything() throws IOException {
		trickle.shutdownNow();
		clients.close();
	}

	@Test
	void aThousandClientsTricklingBodiesHoldNoThreadKeepNoOneElseWaitingAndAreCutOffWhenTheirTimeIsUp() throws Exception {
		int platformThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		List<Socket> signIns = new ArrayList<>();
		List<Socket> apiCalls = new ArrayList<>();
		for (int i = 0; i < SLOW_CLIENTS / 2; i++) {
			signIns.add(clients.startBody("/login", "Content-Type: application/x-www-form-urlencoded\r\n", 1000));
			apiCalls.add(clients.startBody("/", "Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: "
					+ "AppRunner.ListConnections\r\n", 1000));
		}
		trickle.scheduleAtFixedRate(() -> clients.sockets().forEach(RawClients::sendOneByte), 0, 2, TimeUnit.SECONDS);

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
			assertThat(RawClients.answer(socket, Duration.ofSeconds(10))).startsWith("HTTP/1.1 408");
		}
		for (Socket socket : apiCalls) {
			assertThat(RawClients.answer(socket, Duration.ofSeconds(10))).startsWith("HTTP/1.1 408")
				.contains("x-amzn-ErrorType: RequestTimeoutException");
		}
	}

	@Test
	void aGitRequestRefusedBeforeItsBodyIsReadEndsWithoutWaitingForTheBody() throws Exception {
		// a form's content type: anything that read the body's parameters would wait for the whole trickle
		Socket push = clients.startBody("/git-http/123456789012/us-east-1/0123456789abcdef0123456789abcdef/o/n.git"
				+ "/git-receive-pack", "Content-Type: application/x-www-form-urlencoded\r\n", 200_000);
		trickle.scheduleAtFixedRate(() -> RawClients.sendOneByte(push), 0, 1, TimeUnit.SECONDS);

		assertThat(RawClients.answer(push, Duration.ofSeconds(3))).startsWith("HTTP/1.1 403");
		// the request is over, its body unread: the console closes the connection rather than drain it
		push.setSoTimeout(3000);
		InputStream rest = push.getInputStream();
		while (rest.read() >= 0) {
			// the refusal's page
		}
	}

	@Test
	void aBodyAnnouncedLargerThanTheLimitIsRefusedBeforeItIsSent() throws Exception {
		Socket signIn = clients.startBody("/login", "Content-Type: application/x-www-form-urlencoded\r\n", 10_000_000);
		Socket apiCall = clients.startBody("/", "Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: "
				+ "AppRunner.CreateConnection\r\n", 10_000_000);

		assertThat(RawClients.answer(signIn, Duration.ofSeconds(2))).startsWith("HTTP/1.1 413");
		assertThat(RawClients.answer(apiCall, Duration.ofSeconds(2))).startsWith("HTTP/1.1 413")
			.contains("x-amzn-ErrorType: RequestEntityTooLargeException");
	}

	private String base() {
		return "http://127.0.0.1:" + port;
	}

}
