package io.connectionsconsole;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml, deploy/nginx.conf and the Dockerfile say what docs/operations.md promises, checked where no Docker
 * engine runs: PostgreSQL, two console replicas, nginx in front of them as the only way in. Where Docker Compose is
 * installed it validates the file too; elsewhere that check is skipped, unless {@code -Ddocker-compose.required=true}
 * (CI) turns the skip into a failure.
 */
class DockerComposeFileTest {

	private static final List<String> REPLICAS = List.of("console-1", "console-2");

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<String> list(Object value) {
		return (value == null) ? List.of() : (List<String>) value;
	}

	private static Map<String, Object> services() throws IOException {
		return map(compose().get("services"));
	}

	private static Map<String, Object> compose() throws IOException {
		return new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
	}

	private static String nginx() throws IOException {
		return Files.readString(Path.of("deploy/nginx.conf"));
	}

	@Test
	void twoConsoleReplicasAreBuiltFromTheRepositoryAndRunOnPostgres() throws IOException {
		Map<String, Object> services = services();

		assertThat(services).containsKeys("db", "console-1", "console-2", "proxy");
		for (String replica : REPLICAS) {
			Map<String, Object> console = map(services.get(replica));
			Map<String, Object> environment = map(console.get("environment"));
			assertThat(console.get("build")).as(replica).isEqualTo(".");
			assertThat((String) environment.get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://db:5432/");
			assertThat((String) environment.get("CONSOLE_TOKEN_KEY")).startsWith("${CONSOLE_TOKEN_KEY:?");
			assertThat((String) environment.get("SPRING_DATASOURCE_PASSWORD")).startsWith("${POSTGRES_PASSWORD:?");
			assertThat(environment).containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "native");
			assertThat((String) console.get("stop_grace_period")).isNotBlank();
			assertThat(console.get("mem_limit")).as(replica + " runs in 512 MiB").isEqualTo("512m");
		}
		assertThat(map(services.get("console-1")).get("environment"))
			.isEqualTo(map(services.get("console-2")).get("environment"));
		Map<String, Object> db = map(services.get("db"));
		assertThat((String) db.get("image")).startsWith("postgres:");
		assertThat((String) map(db.get("environment")).get("POSTGRES_PASSWORD")).as("no default database password")
			.startsWith("${POSTGRES_PASSWORD:?");
		assertThat(map(compose().get("volumes"))).containsKey("db-data");
		assertThat(list(db.get("volumes"))).contains("db-data:/var/lib/postgresql/data");
	}

	@Test
	void nginxIsTheOnlyServiceThatPublishesAPort() throws IOException {
		Map<String, Object> services = services();
		List<String> published = new ArrayList<>();
		services.forEach((name, service) -> list(map(service).get("ports")).forEach((port) -> published.add(name)));

		assertThat(published).containsExactly("proxy");
		assertThat(list(map(services.get("proxy")).get("ports"))).hasSize(1);
		assertThat((String) map(services.get("proxy")).get("image")).startsWith("nginx:");
		assertThat(list(map(services.get("proxy")).get("volumes")))
			.containsExactly("./deploy/nginx.conf:/etc/nginx/nginx.conf:ro");
	}

	@Test
	void nginxBalancesOverBothReplicasRoundRobinWithoutStickySessions() throws IOException {
		String nginx = nginx();

		assertThat(nginx).contains("server console-1:8080", "server console-2:8080", "proxy_pass http://console;");
		// Round robin is nginx's default; any of these would pin a user to one replica or weigh them otherwise.
		assertThat(nginx).doesNotContain("ip_hash", "sticky", "hash ", "least_conn", "random", "weight=");
	}

	@Test
	void nginxPassesHostUnchangedAndTheForwardedHeaders() throws IOException {
		String nginx = nginx();

		assertThat(nginx).contains("proxy_set_header Host              $http_host;",
				"proxy_set_header X-Forwarded-For   $remote_addr;", "proxy_set_header X-Forwarded-Proto $scheme;",
				"proxy_set_header X-Forwarded-Host  $host;", "proxy_set_header X-Forwarded-Port  $forwarded_port;");
	}

	@Test
	void nginxShieldsTheConsoleFromSlowAndOversizedClients() throws IOException {
		String nginx = nginx();

		assertThat(nginx).contains("proxy_request_buffering on;", "proxy_buffering on;", "client_body_timeout ",
				"client_header_timeout ", "client_max_body_size ");
	}

	@Test
	void nginxPassesGitsBodiesAndPacksThroughAsTheyComeAndTakesANegotiationOfManyRefs() throws IOException {
		assertThat(nginx()).containsPattern("location \\^~ /git-http/ \\{\\s*client_max_body_size 64m;\\s*"
				+ "proxy_request_buffering off;\\s*proxy_buffering off;\\s*(error_page [^;]+;\\s*)*proxy_pass http://console;\\s*}");
	}

	@Test
	void nginxLogsNoQueryStringNoRefererAndNoHandshakeLinkSecret() throws IOException {
		String logFormat = nginx().lines()
			.dropWhile((line) -> !line.contains("log_format"))
			.takeWhile((line) -> !line.isBlank() && !line.contains("access_log"))
			.reduce("", String::concat);

		assertThat(logFormat).contains("$logged_uri").doesNotContain("$uri", "$request ", "$request_uri", "$args",
				"$query_string", "$http_referer");
		assertThat(nginx()).containsPattern("map \\$uri \\$logged_uri \\{\\s*\"~\\*\\^/connections/handshake/link/\"\\s+"
				+ "/connections/handshake/link/\\*\\*\\*\\*;\\s*default\\s+\\$uri;\\s*}");
		// The error log would write the link's path, or the callback's query string, with an upstream failure.
		assertThat(nginx()).containsPattern("location ~\\* \\^/connections/handshake/\\(link\\|callback\\)/ \\{\\s*"
				+ "error_log /dev/null;\\s*proxy_pass http://console;\\s*}");
	}

	@Test
	void nginxDoesNotTellItsVersion() throws IOException {
		assertThat(nginx()).containsPattern("(?m)^    server_tokens off;$");
	}

	@Test
	void theDockerfileBuildsInStagesWithTheWrapper() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));

		assertThat(dockerfile).contains("AS build").contains("./mvnw -B -q package").contains("COPY --from=build");
	}

	@Test
	void theImageRunsWithTheJvmOptionsItsAotCacheWasTrainedWithAndAHeapSizedFromItsLimit() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));
		List<String> options = Files.readAllLines(Path.of("bin/jvm.options"));

		assertThat(dockerfile.indexOf("COPY bin/jvm.options /app/jvm.options")).as("the options are there to train with")
			.isNotNegative()
			.isLessThan(dockerfile.indexOf("RUN train-aot.sh /app"));
		assertThat(dockerfile).contains("java @/app/jvm.options").contains("-XX:AOTCache=/app/app.aot");
		// what follows the image's name in docker run reaches the console, as sh's "$@" after its $0
		assertThat(dockerfile).contains("-jar /app/connections-console-*.jar \\\"$@\\\"\", \"sh\"]");
		assertThat(options).anyMatch((line) -> line.startsWith("-XX:MaxRAMPercentage="))
			.contains("-XX:+ExitOnOutOfMemoryError");
	}

	/**
	 * The image's last stage, one instruction a line (continuations joined); the embedded default keeps its database
	 * and key under {@code ./data}, relative to the working directory.
	 */
	private static List<String> runStage() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile")).replace("\\\n", " ");
		String stage = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
		return stage.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).toList();
	}

	@Test
	void theEmbeddedDefaultsDataDirectoryIsMadeAndOwnedByTheUserTheImageRunsAs() throws IOException {
		List<String> stage = runStage();
		String user = stage.stream().filter((line) -> line.startsWith("USER ")).reduce((a, b) -> b).orElseThrow()
			.substring("USER ".length()).strip();
		String workdir = stage.stream().filter((line) -> line.startsWith("WORKDIR ")).reduce((a, b) -> b).orElseThrow()
			.substring("WORKDIR ".length()).strip();
		String data = workdir + "/data";
		int userLine = stage.indexOf("USER " + user);

		assertThat(user).as("the image runs as a user of its own").isNotIn("root", "0");
		assertThat(stage).as("its user is made in the image").anyMatch((line) -> line.startsWith("RUN useradd")
				&& line.endsWith(" " + user));
		assertThat(stage.subList(0, userLine)).as("%s made and given to %s before the image switches to it", data, user)
			.anyMatch((line) -> line.startsWith("RUN ") && line.contains("mkdir -p " + data)
					&& line.contains("chown " + user + " " + data));
		assertThat(stage).as("no files of root's copied into %s", data)
			.noneMatch((line) -> line.startsWith("COPY") && line.contains(data));
	}

	@Test
	void dockerComposeAcceptsTheFile() throws Exception {
		List<String> command = composeCommand();
		ProcessBuilder validate = new ProcessBuilder(command).redirectErrorStream(true);
		validate.environment().put("CONSOLE_TOKEN_KEY", "placeholder-key-for-validation-0123456789");
		validate.environment().put("POSTGRES_PASSWORD", "placeholder-password-for-validation");
		Process process = validate.start();
		String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + ": " + said).isZero();
	}

	/** The Compose plugin's {@code docker compose config}, else Debian's {@code docker-compose}. */
	private static List<String> composeCommand() throws InterruptedException {
		if (succeeds("docker", "compose", "version")) {
			return List.of("docker", "compose", "-f", "docker-compose.yml", "config", "--quiet");
		}
		if (succeeds("docker-compose", "version")) {
			return List.of("docker-compose", "-f", "docker-compose.yml", "config", "-q");
		}
		String message = "Validating docker-compose.yml needs the Docker Compose plugin or the Debian package "
				+ "docker-compose (apt-get install -y docker-compose)";
		if (Boolean.getBoolean("docker-compose.required")) {
			Assertions.fail(message);
		}
		Assumptions.abort(message);
		return List.of();
	}

	private static boolean succeeds(String... command) throws InterruptedException {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
