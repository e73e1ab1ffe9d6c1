package io.connectionsconsole.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that hold what the console keeps secret (the token key, the embedded database), created readable and writable
 * by the console's user alone ({@code rw-------}, the directories it creates for them {@code rwx------}): created so,
 * rather than changed afterwards, so that no one else can open them in between. A file system without POSIX
 * permissions keeps its defaults.
 */
public final class OwnerOnlyFiles {

	private OwnerOnlyFiles() {
	}

	/** Creates {@code file}, empty, and the directories it is in, unless it exists; answers whether it created it. */
	public static boolean createIfMissing(Path file) throws IOException {
		if (Files.exists(file)) {
			return false;
		}
		Path directory = file.toAbsolutePath().getParent();
		try {
			Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			Files.createDirectories(directory);
			Files.createFile(file);
		}
		return true;
	}

}
