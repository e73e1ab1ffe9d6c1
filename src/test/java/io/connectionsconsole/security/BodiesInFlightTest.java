package io.connectionsconsole.security;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.connectionsconsole.support.ConsoleTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests whose bodies are being read hold at most the memory given to them between them (1 MB here), over raw
 * sockets against a running console: one that finds no room for itself is refused at once, one whose next bytes find
 * none waits for some until its time is up, and room given back serves the next.
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "console.request-body.timeout=PT3S", "console.request-body.in-flight-max-size=1MB" })
class BodiesInFlightTest {

	@LocalServerPort
	int port;

	private RawClients clients;

	@BeforeEach
	void clients() {
		clients = new RawClients(port);
	}

	@AfterEach
	void closeEverything() throws IOException {
		clients.close();
	}

	@Test
	void bodiesBeingReadHoldAtMostTheirMemoryAndARequestThatFindsNoRoomIsRefused() throws Exception {
		// two bodies of the largest size, sent all but their last bytes: each holds 250 KB and what Tomcat holds for a
		// request in progress (128 KB), 756 KB of the 1 MB, while they stall
		for (int i = 0; i < 2; i++) {
			Socket stalled = clients.startBody("/login", "Content-Type: application/x-www-form-urlencoded\r\n", 256 * 1024);
			stalled.getOutputStream().write(new byte[250 * 1024]);
			stalled.getOutputStream().flush();
		}
		Thread.sleep(500);
		// a body sent whole finds room for its first 140 KB only, and waits for more
		Socket waiting = clients.startBody("/login", "Content-Type: application/x-www-form-urlencoded\r\n", 200 * 1024);
		waiting.getOutputStream().write(new byte[200 * 1024 - 1]);
		waiting.getOutputStream().flush();
		Thread.sleep(500);

		long start = System.nanoTime();
		Socket signIn = clients.startBody("/login", "Content-Type: application/x-www-form-urlencoded\r\n", 30);
		signIn.getOutputStream().write(new byte[29]);
		Socket apiCall = clients.startBody("/", "Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: "
				+ "AppRunner.ListConnections\r\n", 2);
		apiCall.getOutputStream().write('}');
		assertThat(RawClients.answer(signIn, Duration.ofSeconds(6))).as("no room for another request in progress")
			.startsWith("HTTP/1.1 503");
		assertThat(RawClients.answer(apiCall, Duration.ofSeconds(6))).startsWith("HTTP/1.1 503")
			.contains("x-amzn-ErrorType: ServiceUnavailableException");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused at once, not held while they wait")
			.isLessThan(Duration.ofSeconds(2));
		assertThat(RawClients.answer(waiting, Duration.ofSeconds(6))).as("no room for the rest of its body within its time")
			.startsWith("HTTP/1.1 503");

		// the stalled ones cut off by Tomcat meanwhile, their room is given back
		Thread.sleep(3000);
		Socket later = clients.startBody("/login", "Content-Type: application/x-www-form-urlencoded\r\n", 200 * 1024);
		later.getOutputStream().write(new byte[200 * 1024 - 1]);
		later.getOutputStream().flush();
		assertThat(RawClients.answer(later, Duration.ofSeconds(6))).doesNotStartWith("HTTP/1.1 503");
	}

}
