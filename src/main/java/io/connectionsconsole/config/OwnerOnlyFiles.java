package io.connectionsconsole.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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

	/**
	 * Writes {@code content} into {@code file}, owner-only: into a file beside it first, on disk, then moved into its
	 * place at once (over what was there), so that a process killed while writing leaves no empty or half file behind.
	 */
	public static void writeWhole(Path file, byte[] content) throws IOException {
		Path written = file.resolveSibling(file.getFileName() + ".new");
		Files.deleteIfExists(written);
		createIfMissing(written);
		try (FileChannel channel = FileChannel.open(written, StandardOpenOption.WRITE)) {
			channel.write(ByteBuffer.wrap(content));
			channel.force(true);
		}
		Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		forceDirectory(file.toAbsolutePath().getParent());
	}

	/** The move into the directory on disk too, where the file system allows a directory to be opened (Linux does). */
	private static void forceDirectory(Path directory) {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// a file system that can't force a directory keeps the move as it does
		}
	}

}
