package io.connectionsconsole;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apprunner.AppRunnerClient;
import software.amazon.awssdk.services.apprunner.model.AppRunnerException;

import io.connectionsconsole.support.ConsoleProcess;
import io.connectionsconsole.support.GitHost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * deploy/nginx.conf run by a real nginx in front of stand-ins for the two replicas, for what it promises: the client's
 * Host and address passed on, a replica that refuses connections passed over, what nginx answers itself (no replica
 * answering, a body over its limit) in each client's own terms, and a handshake link's secret kept out of its log. Only
 * what a test machine lacks is changed: the replicas' addresses, the port, the log's file. Runs where nginx is
 * installed (Debian's {@code nginx}); skipped elsewhere, unless {@code -Dnginx.required=true} (CI).
 */
class NginxProxyTest {

	private static final Path NGINX = Path.of("/usr/sbin/nginx");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<AutoCloseable> running = new ArrayList<>();

	@TempDir
	Path dir;

	@BeforeEach
	void nginxIsInstalled() {
		if (!Files.isExecutable(NGINX)) {
			String message = "Running deploy/nginx.conf needs nginx (apt-get install -y nginx)";
			if (Boolean.getBoolean("nginx.required")) {
				Assertions.fail(message);
			}
			Assumptions.abort(message);
		}
	}

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable started : running.reversed()) {
			started.close();
		}
	}

	@Test
	void requestsGoToTheReplicaThatAnswersWithTheClientsHostAndAddressOnly() throws Exception {
		HttpServer replica = replica();
		int proxy = nginx(replica.getAddress().getPort(), ConsoleProcess.freePort());

		for (int i = 0; i < 4; i++) {
			Raw answer = getWithHost(proxy, "/connections", "console.example:9443", "203.0.113.9");

			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo("Host=console.example:9443\nX-Forwarded-For=127.0.0.1\n"
					+ "X-Forwarded-Port=9443\nX-Forwarded-Proto=http\n");
		}
	}

	@Test
	void anApiCallNoReplicaAnswersGetsAnErrorTheSdkReads() throws Exception {
		int proxy = nginx(ConsoleProcess.freePort(), ConsoleProcess.freePort());

		try (AppRunnerClient client = AppRunnerClient.builder()
			.endpointOverride(URI.create("http://127.0.0.1:" + proxy))
			.region(Region.EU_WEST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
			.httpClient(UrlConnectionHttpClient.create())
			.overrideConfiguration((config) -> config.retryStrategy(RetryMode.STANDARD))
			.build()) {
			assertThatThrownBy(() -> client.listConnections((request) -> {
			})).isInstanceOfSatisfying(AppRunnerException.class, (ex) -> {
				assertThat(ex.statusCode()).isEqualTo(503);
				assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailableException");
				assertThat(ex.awsErrorDetails().errorMessage()).startsWith("No console instance answered in time.");
				assertThat(ex.requestId()).isNotBlank();
				// The SDK tries again, as it does for the console's own 503s.
				assertThat(ex.numAttempts()).isEqualTo(3);
			});
		}
	}

	@Test
	void aPageNoReplicaAnswersSaysSo() throws Exception {
		int proxy = nginx(ConsoleProcess.freePort(), ConsoleProcess.freePort());

		HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy
				+ "/connections")).build());

		assertThat(answer.statusCode()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/html");
		assertThat(answer.body()).contains("<title>Console not answering</title>", "No console instance answered")
			.doesNotContain("nginx");
	}

	@Test
	void gitPrintsTheLineItGetsWhenNoReplicaAnswers() throws Exception {
		GitHost.requireInstalled();
		int proxy = nginx(ConsoleProcess.freePort(), ConsoleProcess.freePort());

		GitHost.Result clone = GitHost.run(dir, Map.of(), "clone", "http://127.0.0.1:" + proxy
				+ "/git-http/111122223333/eu-west-1/0123456789abcdef0123456789abcdef/octo/web.git");

		assertThat(clone.exitCode()).isNotZero();
		assertThat(clone.output()).contains("remote: No console instance answered in time. Try again in a moment.",
				"returned error: 503");
	}

	@Test
	void anApiBodyOverNginxsLimitGetsTheErrorTheConsoleGivesItsOwn() throws Exception {
		HttpServer replica = replica();
		int proxy = nginx(replica.getAddress().getPort(), replica.getAddress().getPort());

		HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy + "/"))
			.header("X-Amz-Target", "AppRunner.ListConnections")
			.header("Content-Type", "application/x-amz-json-1.0")
			.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024]))
			.build());

		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(answer.headers().firstValue("x-amzn-ErrorType")).hasValue("RequestEntityTooLargeException");
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
		assertThat(answer.body()).isEqualTo(
				"{\"__type\":\"RequestEntityTooLargeException\",\"Message\":\"The request body is larger than 1 MB.\"}");
	}

	/** A Git location sets its own answers, so it doesn't take the others': its over-large answer is a line too. */
	@Test
	void aGitRequestOverItsLimitGetsALineGitPrints() throws Exception {
		HttpServer replica = replica();
		int proxy = nginx(replica.getAddress().getPort(), replica.getAddress().getPort());

		try (Socket socket = new Socket("127.0.0.1", proxy)) {
			socket.getOutputStream().write(("POST /git-http/111122223333/eu-west-1/0123456789abcdef0123456789abcdef"
					+ "/octo/web.git/git-upload-pack HTTP/1.1\r\nHost: console.example\r\nContent-Length: 70000000\r\n"
					+ "Content-Type: application/x-git-upload-pack-request\r\n\r\n0000").getBytes(StandardCharsets.US_ASCII));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

			assertThat(answer).startsWith("HTTP/1.1 413 ")
				.contains("Content-Type: text/plain")
				.endsWith("\r\n\r\nThe fetch's request is larger than 64 MB.\n");
		}
	}

	@Test
	void aHandshakeLinksSecretIsNotInTheAccessLog() throws Exception {
		HttpServer replica = replica();
		int proxy = nginx(replica.getAddress().getPort(), replica.getAddress().getPort());

		send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy
				+ "/connections/handshake/link/Secret-Of-The-Link?code=one-time-code")).build());

		Path log = dir.resolve("access.log");
		await().until(() -> Files.exists(log) && !Files.readString(log).isEmpty());
		assertThat(Files.readString(log)).contains("GET /connections/handshake/link/**** HTTP/1.1\" 200")
			.doesNotContain("Secret-Of-The-Link", "one-time-code");
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A GET with a Host header of its own, as a client behind a published port sends it (java.net.http sets Host
	 * itself), and X-Forwarded-For as a client may make it up.
	 */
	private static Raw getWithHost(int port, String path, String host, String forwardedFor) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nX-Forwarded-For: "
					+ forwardedFor + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return new Raw(Integer.parseInt(raw.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3)),
					raw.substring(raw.indexOf("\r\n\r\n") + 4));
		}
	}

	private record Raw(int status, String body) {
	}

	/** A stand-in for a replica: it answers with the headers nginx passed on. */
	private HttpServer replica() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			StringBuilder said = new StringBuilder();
			for (String name : List.of("Host", "X-Forwarded-For", "X-Forwarded-Port", "X-Forwarded-Proto")) {
				said.append(name).append('=').append(exchange.getRequestHeaders().getFirst(name)).append('\n');
			}
			byte[] body = said.toString().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		running.add(() -> server.stop(0));
		return server;
	}

	/** Starts nginx on deploy/nginx.conf with the replicas at these ports, and answers the port it listens on. */
	private int nginx(int replica1, int replica2) throws Exception {
		int port = ConsoleProcess.freePort();
		String config = Files.readString(Path.of("deploy/nginx.conf"))
			.replaceAll("(?m)^\\s*resolver .*$", "")
			.replace("server console-1:8080 resolve", "server 127.0.0.1:" + replica1)
			.replace("server console-2:8080 resolve", "server 127.0.0.1:" + replica2)
			.replace("listen 8080;", "listen 127.0.0.1:" + port + ";")
			.replace("/var/log/nginx/access.log", dir.resolve("access.log").toString())
			.replace("http {", "http {\n    client_body_temp_path " + dir.resolve("body") + ";\n    proxy_temp_path "
					+ dir.resolve("proxy") + ";");
		assertThat(config).doesNotContain("console-1", "console-2", "listen 8080", "/var/log/");
		Path file = dir.resolve("nginx.conf");
		Files.writeString(file, config);
		// As root, nginx's workers would run as nobody, who may not write to the temporary directory.
		String user = "root".equals(System.getProperty("user.name")) ? "user root; " : "";
		Process nginx = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", file.toString(), "-g",
				user + "daemon off; pid " + dir.resolve("nginx.pid") + "; error_log " + dir.resolve("error.log") + ";")
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("nginx.out").toFile())
			.start();
		running.add(() -> {
			nginx.destroy();
			nginx.waitFor(10, TimeUnit.SECONDS);
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			if (!nginx.isAlive()) {
				throw new IllegalStateException("nginx ended: " + Files.readString(dir.resolve("nginx.out")));
			}
			try (Socket socket = new Socket("127.0.0.1", port)) {
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		});
		return port;
	}

}
