package io.connectionsconsole.support;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A provider's Git host for tests: Debian's {@code git http-backend} (the smart HTTP server git itself ships) behind
 * the JDK's HTTP server, serving the bare repositories under a directory to requests whose Basic credentials the
 * given check accepts, as GitHub and Bitbucket do. It records each request's user, password and {@code Git-Protocol}.
 * Tests that use it are skipped where {@code git} is not installed, unless {@code -Dgit.required=true} (CI).
 */
public final class GitHost implements AutoCloseable {

	public static final String GIT = "/usr/bin/git";

	private final Path root;

	private final HttpServer server;

	private final Predicate<String[]> credentials;

	private final BooleanSupplier down;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile String downFor;

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private volatile CountDownLatch fetchesHeld;

	private volatile boolean fetchesCut;

	/**
	 * {@code credentials}: whether a user and password pair may read; {@code down}: whether the host answers every
	 * request with a 503, as a host that is down.
	 */
	public GitHost(Path root, BooleanSupplier down, Predicate<String[]> credentials) throws IOException {
		this.root = root;
		this.down = down;
		this.credentials = credentials;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", this::serve);
		this.server.start();
	}

	/**
	 * Answers requests for the repository at {@code path} ({@code /github/octo/web.git}), once their credentials hold,
	 * with {@code status}, a {@code Location} (or null) and a plain-text body (or null), as a host whose repository
	 * was renamed, or which refuses it to the token; {@code status} 0 answers them as before.
	 */
	public void answer(String path, int status, String location, String text) {
		if (status == 0) {
			answers.remove(path);
		}
		else {
			answers.put(path, new Answer(status, location, text));
		}
	}

	private record Answer(int status, String location, String text) {

		void send(HttpExchange exchange) throws IOException {
			if (location != null) {
				exchange.getResponseHeaders().add("Location", location);
			}
			byte[] body = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/plain");
			exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
			exchange.getResponseBody().write(body);
		}

	}

	/** Whether fetches' answers end midway, a few bytes into their packs, as a host that fails while it sends one. */
	public void cutFetches(boolean cut) {
		this.fetchesCut = cut;
	}

	/** Answers requests of this method (or none, null) with a server error, as a provider down at that moment. */
	public void downFor(String method) {
		this.downFor = method;
	}

	/**
	 * Sends a fetch's first few bytes, then holds the rest until {@code release} counts down (or null: sends at once),
	 * as a provider that sends progress while it prepares a pack.
	 */
	public void holdFetchesAfterTheirFirstBytes(CountDownLatch release) {
		this.fetchesHeld = release;
	}

	public static void requireInstalled() {
		if (!new File(GIT).canExecute()) {
			String message = "Git tests need " + GIT + ": install the git package";
			if (Boolean.getBoolean("git.required")) {
				Assertions.fail(message);
			}
			Assumptions.abort(message);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	public List<Request> requests() {
		return List.copyOf(requests);
	}

	public void clearRequests() {
		requests.clear();
	}

	/** A bare repository {@code owner/name.git} with a first commit on {@code main}, made by pushing from a work tree. */
	public Path createRepository(String owner, String name, Path workTree) throws IOException {
		Path bare = root.resolve(owner).resolve(name + ".git");
		Files.createDirectories(bare);
		git(root, "init", "-q", "--bare", "-b", "main", bare.toString());
		Files.createDirectories(workTree);
		git(workTree, "init", "-q", "-b", "main");
		Files.writeString(workTree.resolve("README.md"), "# " + name + "\n");
		commitAll(workTree, "First commit");
		git(workTree, "remote", "add", "origin", bare.toUri().toString());
		git(workTree, "push", "-q", "origin", "main");
		return bare;
	}

	public static void commitAll(Path workTree, String message) throws IOException {
		git(workTree, "add", "-A");
		git(workTree, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message);
	}

	/** Runs git in {@code dir}; fails with its output when it fails. Answers its standard output. */
	public static String git(Path dir, String... arguments) throws IOException {
		Result result = run(dir, Map.of(), arguments);
		if (result.exitCode() != 0) {
			throw new IOException("git " + String.join(" ", arguments) + " failed: " + result.output());
		}
		return result.output();
	}

	/** Runs git in {@code dir} with {@code environment} added, never asking a person for anything. */
	public static Result run(Path dir, Map<String, String> environment, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(GIT));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
		builder.environment().put("GIT_TERMINAL_PROMPT", "0");
		builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
		builder.environment().put("HOME", dir.toString());
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			return new Result(process.waitFor(), output);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private void serve(HttpExchange exchange) throws IOException {
		try (exchange) {
			String[] pair = basic(exchange.getRequestHeaders().getFirst("Authorization"));
			requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					pair == null ? null : pair[0], pair == null ? null : pair[1],
					exchange.getRequestHeaders().getFirst("Git-Protocol")));
			if (down.getAsBoolean() || exchange.getRequestMethod().equals(downFor)) {
				exchange.sendResponseHeaders(503, -1);
				return;
			}
			if (pair == null || !credentials.test(pair)) {
				exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git host\"");
				exchange.sendResponseHeaders(401, -1);
				return;
			}
			for (Map.Entry<String, Answer> answer : answers.entrySet()) {
				if (exchange.getRequestURI().getPath().startsWith(answer.getKey() + "/")) {
					answer.getValue().send(exchange);
					return;
				}
			}
			backend(exchange, pair[0]);
		}
	}

	/** Runs {@code git http-backend} as a CGI program for the request. */
	private void backend(HttpExchange exchange, String user) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(GIT, "http-backend");
		Map<String, String> env = builder.environment();
		env.put("GIT_PROJECT_ROOT", root.toString());
		env.put("GIT_HTTP_EXPORT_ALL", "1");
		env.put("REQUEST_METHOD", exchange.getRequestMethod());
		env.put("PATH_INFO", exchange.getRequestURI().getPath());
		env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
		env.put("REMOTE_USER", user);
		env.put("REMOTE_ADDR", exchange.getRemoteAddress().getAddress().getHostAddress());
		header(exchange, "Content-Type", env, "CONTENT_TYPE");
		header(exchange, "Content-Encoding", env, "HTTP_CONTENT_ENCODING");
		header(exchange, "Git-Protocol", env, "GIT_PROTOCOL");
		Process process = builder.start();
		Thread.ofVirtual().start(() -> {
			try (InputStream in = exchange.getRequestBody(); OutputStream out = process.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// The backend stopped reading: its answer says why.
			}
		});
		InputStream out = process.getInputStream();
		int status = 200;
		for (String line = readLine(out); !line.isEmpty(); line = readLine(out)) {
			int colon = line.indexOf(':');
			String name = line.substring(0, colon).strip();
			String value = line.substring(colon + 1).strip();
			if (name.equalsIgnoreCase("Status")) {
				status = Integer.parseInt(value.substring(0, 3));
			}
			else {
				exchange.getResponseHeaders().add(name, value);
			}
		}
		if (fetchesCut && "POST".equals(exchange.getRequestMethod())) {
			// a length announced that the body never reaches: the connection ends midway
			exchange.sendResponseHeaders(status, 1_000_000);
			OutputStream body = exchange.getResponseBody();
			body.write(out.readNBytes(16));
			body.flush();
			process.destroy();
			throw new IOException("the host's answer is cut off midway, as asked");
		}
		exchange.sendResponseHeaders(status, 0);
		try (OutputStream body = exchange.getResponseBody()) {
			CountDownLatch held = fetchesHeld;
			if (held != null && "POST".equals(exchange.getRequestMethod())) {
				byte[] first = new byte[16];
				int read = out.read(first);
				body.write(first, 0, Math.max(read, 0));
				body.flush();
				try {
					held.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			out.transferTo(body);
		}
	}

	private static void header(HttpExchange exchange, String name, Map<String, String> env, String variable) {
		String value = exchange.getRequestHeaders().getFirst(name);
		if (value != null) {
			env.put(variable, value);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.UTF_8);
	}

	private static String[] basic(String header) {
		if (header == null || !header.startsWith("Basic ")) {
			return null;
		}
		String pair = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
		int colon = pair.indexOf(':');
		return colon < 0 ? null : new String[] { pair.substring(0, colon), pair.substring(colon + 1) };
	}

	@Override
	public void close() {
		server.stop(0);
	}

	/** A request as the host saw it. */
	public record Request(String method, String uri, String user, String password, String gitProtocol) {
	}

	/** What a git command printed (standard output and error together) and how it ended. */
	public record Result(int exitCode, String output) {
	}

}
