package io.connectionsconsole;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectionsconsole.support.ConsoleProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's start as the Dockerfile prepares it, on the jar the build has just packaged: extracted, its AOT cache
 * trained by {@code bin/train-aot.sh}, then started with that cache required ({@code -XX:AOTMode=on}: the JVM refuses
 * to start on a cache it can't use). The training signs in and opens the Connected accounts page, so a change to
 * either that breaks it fails the build here, where no Docker engine is needed, rather than in an image build.
 */
class AotTrainingIT {

	@Test
	void theTrainedCacheStartsTheExtractedJar(@TempDir Path dir) throws Exception {
		Path app = dir.resolve("app");
		String packaged = packagedJar().toAbsolutePath().toString();
		run(dir, ConsoleProcess.java(), "-Djarmode=tools", "-jar", packaged, "extract", "--destination", app.toString());
		Files.copy(Path.of("bin", "jvm.options"), app.resolve("jvm.options"));

		ProcessBuilder training = new ProcessBuilder("bash", "bin/train-aot.sh", app.toString());
		training.environment().put("JAVA", ConsoleProcess.java());
		training.environment().put("TRAINING_PORT", Integer.toString(ConsoleProcess.freePort()));
		String trained = run(training);

		Path cache = app.resolve("app.aot");
		assertThat(cache).as(trained).isNotEmptyFile();
		Path jar;
		try (Stream<Path> files = Files.list(app)) {
			jar = files.filter((f) -> f.getFileName().toString().endsWith(".jar")).findFirst().orElseThrow();
		}
		try (ConsoleProcess console = ConsoleProcess.startJar(dir,
				List.of("@" + app.resolve("jvm.options"), "-Dspring.aot.enabled=true", "-XX:AOTCache=" + cache,
						"-XX:AOTMode=on"),
				jar, List.of("--console.check.enabled=false"))) {
			HttpResponse<String> login = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(console.baseUrl().resolve("/login")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(login.statusCode()).isEqualTo(200);
			assertThat(login.body()).contains("<title>Sign in | Connections Console</title>");
		}
	}

	/** The jar {@code package} wrote: the repackaged one, not Maven's plain {@code .original}. */
	private static Path packagedJar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter((f) -> f.getFileName().toString().matches("connections-console-.*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no packaged jar in target/: run the verify phase"));
		}
	}

	private static String run(Path dir, String... command) throws Exception {
		return run(new ProcessBuilder(command).directory(dir.toFile()));
	}

	/** Runs a command to its end (five minutes at most) and returns what it wrote; it must succeed. */
	private static String run(ProcessBuilder command) throws Exception {
		Path output = Files.createTempFile("command-", ".log");
		try {
			Process process = command.redirectErrorStream(true).redirectOutput(output.toFile()).start();
			boolean ended = process.waitFor(5, TimeUnit.MINUTES);
			if (!ended) {
				process.destroyForcibly();
			}
			String written = Files.readString(output);
			assertThat(ended).as("%s ended within 5 minutes: %s", command.command(), written).isTrue();
			assertThat(process.exitValue()).as("%s: %s", command.command(), written).isZero();
			return written;
		}
		finally {
			Files.delete(output);
		}
	}

}
