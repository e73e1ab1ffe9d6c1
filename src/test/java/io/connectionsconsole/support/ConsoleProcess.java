package io.connectionsconsole.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.core.ConditionTimeoutException;

import io.connectionsconsole.ConsoleApplication;

import static org.awaitility.Awaitility.await;

/**
 * The console in a JVM of its own, as an operator runs it: started in a working directory (where the embedded default
 * keeps {@code ./data}), on a port of its own, with the test's class path. It can be killed as a crash would end it.
 */
public final class ConsoleProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private final Process process;

	private final int port;

	private final Path log;

	private ConsoleProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/** Starts the console in {@code workingDirectory} with these arguments, and waits until it serves its pages. */
	public static ConsoleProcess start(Path workingDirectory, List<String> arguments) {
		return launch(workingDirectory, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), ConsoleApplication.class.getName()), arguments);
	}

	/** Starts a packaged console, {@code java <jvmOptions> -jar <jar> <arguments>}, and waits until it serves. */
	public static ConsoleProcess startJar(Path workingDirectory, List<String> jvmOptions, Path jar,
			List<String> arguments) {
		List<String> launcher = new ArrayList<>(jvmOptions);
		launcher.addAll(List.of("-jar", jar.toString()));
		return launch(workingDirectory, launcher, arguments);
	}

	/** This JVM's {@code java}, the JDK the build chose. */
	public static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static ConsoleProcess launch(Path workingDirectory, List<String> launcher, List<String> arguments) {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(java()));
		command.addAll(launcher);
		command.addAll(List.of("--server.address=127.0.0.1", "--server.port=" + port));
		command.addAll(arguments);
		try {
			Path log = Files.createTempFile(workingDirectory, "console-", ".log");
			Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			ConsoleProcess console = new ConsoleProcess(process, port, log);
			console.awaitStarted();
			return console;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the console", ex);
		}
	}

	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + port);
	}

	/** Ends the process with SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
	public void kill() {
		process.destroyForcibly();
		try {
			process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		kill();
	}

	private void awaitStarted() throws IOException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest login = HttpRequest.newBuilder(baseUrl().resolve("/login"))
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			await().atMost(START_TIMEOUT)
				.pollInterval(Duration.ofMillis(200))
				// not listening yet
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> {
					if (!process.isAlive()) {
						throw new IllegalStateException("The console exited with " + process.exitValue() + ":\n" + tail());
					}
					return http.send(login, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
				});
		}
		catch (ConditionTimeoutException ex) {
			kill();
			throw new IllegalStateException("The console did not start within " + START_TIMEOUT + ":\n" + tail());
		}
	}

	private String tail() throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	/** A port no one listens on now. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
