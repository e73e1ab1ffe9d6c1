package io.connectionsconsole.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private certificate authority of a test and a server certificate for {@code localhost} it issued, made with the
 * JDK's {@code keytool}: {@link #serverKeyStore()} is what a TLS server of the test (WireMock) serves,
 * {@link #caPem()} what the console is told to trust.
 */
public final class PrivateCa {

	public static final String PASSWORD = "private-ca-test-password";

	private final Path directory;

	private final String caPem;

	private PrivateCa(Path directory, String caPem) {
		this.directory = directory;
		this.caPem = caPem;
	}

	/** A new authority and server certificate under {@code directory}. */
	public static PrivateCa create(Path directory) throws IOException, InterruptedException {
		Path ca = directory.resolve("ca.p12");
		Path server = directory.resolve("server.p12");
		keytool(null, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=Connections Console Test CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString(),
				"-storetype", "PKCS12", "-storepass", PASSWORD);
		String caPem = keytool(null, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass",
				PASSWORD);
		keytool(null, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-validity", "2", "-keystore", server.toString(), "-storetype", "PKCS12", "-storepass",
				PASSWORD);
		String request = keytool(null, "-certreq", "-alias", "server", "-keystore", server.toString(), "-storepass",
				PASSWORD);
		String signed = keytool(request, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass",
				PASSWORD, "-validity", "2", "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext", "eku=serverAuth");
		Path caFile = Files.writeString(directory.resolve("ca.pem"), caPem);
		Path signedFile = Files.writeString(directory.resolve("server.pem"), signed);
		keytool(null, "-importcert", "-noprompt", "-alias", "ca", "-file", caFile.toString(), "-keystore",
				server.toString(), "-storepass", PASSWORD);
		keytool(null, "-importcert", "-alias", "server", "-file", signedFile.toString(), "-keystore", server.toString(),
				"-storepass", PASSWORD);
		return new PrivateCa(directory, caPem);
	}

	/** The PKCS#12 key store with the server's key and its certificate chain. */
	public Path serverKeyStore() {
		return directory.resolve("server.p12");
	}

	/** The authority's certificate in PEM. */
	public String caPem() {
		return caPem;
	}

	private static String keytool(String input, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
		if (input != null) {
			process.getOutputStream().write(input.getBytes(StandardCharsets.US_ASCII));
		}
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
		String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IOException("keytool " + arguments[0] + " failed: " + errors + output);
		}
		return output;
	}

}
