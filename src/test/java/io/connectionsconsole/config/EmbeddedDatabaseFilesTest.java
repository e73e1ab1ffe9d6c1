package io.connectionsconsole.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectionsconsole.support.ConsoleProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The console started as an operator starts it, on the embedded default: the database files, the generated token key
 * and the directory that holds them are the console's user's alone, whatever the process's umask lets others read.
 */
class EmbeddedDatabaseFilesTest {

	@TempDir
	Path workingDirectory;

	@Test
	void theDatabaseFilesAndTheGeneratedTokenKeyAreCreatedForTheOwnerAlone() throws Exception {
		assumeThat(Files.getFileStore(workingDirectory).supportsFileAttributeView("posix"))
			.as("a POSIX file system").isTrue();

		try (ConsoleProcess console = ConsoleProcess.start(workingDirectory,
				List.of("--console.check.enabled=false", "--logging.level.root=warn"))) {
			Path data = workingDirectory.resolve("data");

			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
			for (String file : List.of("console.mv.db", "console.trace.db", "token-key")) {
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(file))))
					.as(file)
					.isEqualTo("rw-------");
			}
			assertThat(Files.size(data.resolve("console.mv.db"))).as("the database H2 made of the empty file")
				.isPositive();
		}
	}

}
