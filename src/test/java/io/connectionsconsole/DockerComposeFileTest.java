package io.connectionsconsole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml and the Dockerfile say what the README promises, checked where no Docker engine runs. */
class DockerComposeFileTest {

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@Test
	void theConsoleIsBuiltFromTheRepositoryAndRunsOnPostgresWithANamedVolume() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
		Map<String, Object> services = map(compose.get("services"));
		Map<String, Object> console = map(services.get("console"));
		Map<String, Object> db = map(services.get("db"));
		Map<String, Object> environment = map(console.get("environment"));

		assertThat(console.get("build")).isEqualTo(".");
		assertThat((String) db.get("image")).startsWith("postgres:");
		assertThat((String) environment.get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://db:5432/");
		assertThat((String) environment.get("CONSOLE_TOKEN_KEY")).startsWith("${CONSOLE_TOKEN_KEY:?");
		assertThat(map(compose.get("volumes"))).containsKey("db-data");
		assertThat((List<String>) db.get("volumes")).contains("db-data:/var/lib/postgresql/data");
	}

	@Test
	void theDockerfileBuildsInStagesWithTheWrapper() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));

		assertThat(dockerfile).contains("AS build").contains("./mvnw -B -q package").contains("COPY --from=build");
	}

}
