package io.connectionsconsole.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.connection.ConnectionCredentials;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.error.ConsoleException;
import io.connectionsconsole.monitoring.RequestLog;
import io.connectionsconsole.provider.GitHubInstallations;
import io.connectionsconsole.provider.GitRelay;
import io.connectionsconsole.provider.RepoName;

/**
 * Git over HTTPS through the console: {@code git clone https://{console}/git-http/{account}/{region}/{connection}/{owner}/{name}.git}
 * with a link token as the password (any user name) reads the linked repository at the provider, through
 * {@link GitRelay}. Only reading: pushing is refused. Every refusal is one line, which git prints to the person (a
 * plain-text answer, or at a fetch Git's own error line); {@code console.git.requests} counts requests by outcome,
 * {@code console.git.bytes} the bytes streamed.
 */
@Controller
class GitHttpController {

	/** The repository's full name ({@code owner/name}, or a GitLab project's whole path) and Git's own path after it. */
	private static final String REPOSITORY = RepositoryLink.GIT_HTTP + "/{account}/{region}/{connection}/{*path}";

	private static final String DISCOVERY = "/info/refs";

	private static final String UPLOAD_PACK = "git-upload-pack";

	private static final String BEARER = "Bearer ";

	private static final Pattern LFS = Pattern.compile("\\.git/info/lfs(?:/|$)", Pattern.CASE_INSENSITIVE);

	private final RepositoryLinkService links;

	private final ConnectionService connections;

	private final GitRelay relay;

	private final MeterRegistry meters;

	/**
	 * The requests relayed at once ({@code console.git.max-concurrent}), and those of one account (half of them, so
	 * that one account's clones, or its slow clients, leave room for the others'); one more is refused, not queued.
	 */
	private final Semaphore relaying;

	private final int maxConcurrent;

	private final Map<String, Semaphore> relayingOf = new ConcurrentHashMap<>();

	private final int maxConcurrentOfAccount;

	GitHttpController(RepositoryLinkService links, ConnectionService connections, GitRelay relay, MeterRegistry meters,
			ConsoleProperties properties) {
		this.links = links;
		this.connections = connections;
		this.relay = relay;
		this.meters = meters;
		this.maxConcurrent = properties.git().maxConcurrent();
		this.relaying = new Semaphore(maxConcurrent);
		this.maxConcurrentOfAccount = Math.max(1, maxConcurrent / 2);
	}

	/** Git's discovery ({@code /info/refs}): reading only, so {@code git-upload-pack} alone. */
	@GetMapping(REPOSITORY)
	void discover(@PathVariable String account, @PathVariable String region, @PathVariable String connection,
			@PathVariable String path, @RequestParam(required = false) String service, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		String repository = before(path, DISCOVERY);
		if (lfs(path)) {
			refuseLfs(response);
		}
		else if (repository == null) {
			refuse(request, response, HttpServletResponse.SC_NOT_FOUND, "there is no repository at this address.");
		}
		else if ("git-receive-pack".equals(service)) {
			refuseWrite(request, response);
		}
		else if (!UPLOAD_PACK.equals(service)) {
			// no service: Git's dumb HTTP protocol, which a git client falls back to only where the smart one fails
			refuse(request, response, HttpServletResponse.SC_FORBIDDEN,
					"the console speaks Git's smart HTTP protocol only: ask for info/refs?service=git-upload-pack.");
		}
		else {
			serve(account, region, connection, repository, "info/refs", request, response);
		}
	}

	/** A fetch ({@code git-upload-pack}); a push ({@code git-receive-pack}) is refused. */
	@PostMapping(REPOSITORY)
	void upload(@PathVariable String account, @PathVariable String region, @PathVariable String connection,
			@PathVariable String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
		String repository = before(path, "/" + UPLOAD_PACK);
		if (before(path, "/git-receive-pack") != null) {
			refuseWrite(request, response);
		}
		else if (lfs(path)) {
			refuseLfs(response);
		}
		else if (repository == null) {
			refuse(request, response, HttpServletResponse.SC_NOT_FOUND, "there is no repository at this address.");
		}
		else {
			serve(account, region, connection, repository, UPLOAD_PACK, request, response);
		}
	}

	/**
	 * Any other request under the Git endpoint: another method (a push over Git's dumb protocol is a PUT), or
	 * an address short of a repository's, told in the line git prints rather than in Spring Boot's JSON.
	 */
	@RequestMapping({ RepositoryLink.GIT_HTTP, RepositoryLink.GIT_HTTP + "/**" })
	void other(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod())
				|| HttpMethod.POST.matches(request.getMethod())) {
			refuse(request, response, HttpServletResponse.SC_NOT_FOUND, "there is no repository at this address.");
		}
		else {
			response.setHeader(HttpHeaders.ALLOW, "GET, HEAD, POST");
			refuse(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
					"this address answers Git's GET info/refs and POST git-upload-pack only.");
		}
	}

	/**
	 * Git LFS's API, which git-lfs asks for beside the repository, always under its {@code .git}
	 * ({@code {repo}.git/info/lfs/objects/batch}): a group or repository named {@code info/lfs} is none of it.
	 */
	private static boolean lfs(String path) {
		return LFS.matcher(path).find();
	}

	/**
	 * LFS objects are not relayed: said in the error body the LFS API defines, whose message git-lfs prints, rather
	 * than as a repository that isn't there.
	 */
	private static void refuseLfs(HttpServletResponse response) throws IOException {
		RequestLog.reason("lfs");
		response.setStatus(HttpServletResponse.SC_NOT_IMPLEMENTED);
		response.setContentType("application/vnd.git-lfs+json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().print("{\"message\":\"Connections Console: Git LFS objects are not served through the "
				+ "console: clone with GIT_LFS_SKIP_SMUDGE=1, or fetch them from the provider.\"}");
	}

	/** The repository part of {@code path} ({@code /group/name.git/info/refs}) before Git's {@code suffix}; else null. */
	private static String before(String path, String suffix) {
		return path.length() > suffix.length() + 1 && path.endsWith(suffix)
				? path.substring(1, path.length() - suffix.length()) : null;
	}

	private void serve(String account, String region, String connection, String repositoryPath, String service,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		long started = System.nanoTime();
		// what a request that ends in an exception counts as: its stream cut off midway (the client gone, or the
		// provider silent past its time-out)
		String outcome = "cut-off";
		try {
			outcome = serveTimed(account, region, connection, repositoryPath, service, request, response);
		}
		finally {
			// the status alone can't tell a pack cut off midway (a 200), nor one refusal of the token from another
			RequestLog.reason(outcome);
			meters.counter("console.git.requests", "outcome", outcome).increment();
			meters.timer("console.git.duration", "outcome", outcome).record(Duration.ofNanos(System.nanoTime() - started));
		}
	}

	/** Serves the request and answers its outcome, for the metrics. */
	private String serveTimed(String account, String region, String connectionId, String repositoryPath,
			String service, HttpServletRequest request, HttpServletResponse response) throws IOException {
		ConnectionId id;
		RepoName repository;
		try {
			id = ConnectionId.of(connectionId);
			// the suffix in any case, as the repository's name is compared in any case
			repository = RepoName.parse(repositoryPath.regionMatches(true, repositoryPath.length() - 4, ".git", 0, 4)
					? repositoryPath.substring(0, repositoryPath.length() - 4) : repositoryPath);
		}
		catch (ConsoleException ex) {
			refuse(request, response, HttpServletResponse.SC_NOT_FOUND, "there is no repository at this address.");
			return "not-found";
		}
		RepositoryLinkService.Authenticated authenticated = links.authenticate(password(request), account, id,
				repository);
		if (authenticated.refusal() != null) {
			refuse(request, response, authenticated.refusal());
			// git sends its first request without the token, which the 401 asks for: not a refusal to count as one
			return authenticated.refusal() == RepositoryLinkService.Refusal.NO_TOKEN ? "challenge"
					: authenticated.refusal().name().toLowerCase();
		}
		LinkToken token = authenticated.found().token();
		RequestLog.identify(RepositoryLinkService.actor(token), authenticated.found().link().accountId().value());
		ConnectionCredentials credentials;
		try {
			credentials = connections.credentialsForUse(authenticated.found().link().accountId(), id);
		}
		catch (ConsoleException ex) {
			refuse(request, response, HttpServletResponse.SC_FORBIDDEN, ex.getMessage());
			return "connection-unusable";
		}
		RequestLog.region(credentials.connection().region());
		if (!credentials.connection().region().equals(region)) {
			refuse(request, response, RepositoryLinkService.Refusal.OTHER_LINK);
			return "other_link";
		}
		GitHubInstallations.Installation removedFrom = relay.removedFrom(credentials, repository);
		if (removedFrom != null) {
			refuse(request, response, HttpServletResponse.SC_FORBIDDEN, "repository " + repository.fullName()
					+ " was taken out of the repositories the GitHub App's installation on " + removedFrom.account()
					+ " grants: add it back to the installation at GitHub.");
			return "repository-removed";
		}
		Semaphore ofAccount = relayingOf.computeIfAbsent(credentials.connection().accountId().value(),
				(key) -> new Semaphore(maxConcurrentOfAccount));
		if (!ofAccount.tryAcquire()) {
			busy(request, response,
					"this account's clones take as many of this console's Git requests as one account may ("
					+ maxConcurrentOfAccount + ")");
			return "busy";
		}
		GitRelay.Relayed relayed;
		try {
			if (!relaying.tryAcquire()) {
				busy(request, response,
						"this console is serving as many Git requests as it takes at once (" + maxConcurrent + ")");
				return "busy";
			}
			try {
				links.used(authenticated.found(), request.getRemoteAddr());
				relayed = relay.relay(credentials, repository, service, request, response,
						RepositoryLinkService.actor(token));
			}
			finally {
				relaying.release();
			}
		}
		finally {
			ofAccount.release();
		}
		if (relayed.renewed()) {
			busy(request, response,
					"the connection's token was renewed during this fetch, which is too long to send again");
			return "renewed";
		}
		if (relayed.declined() != null) {
			refuse(request, response, relayed.status(), relayed.declined());
			return relayed.status() == HttpServletResponse.SC_NOT_FOUND ? "provider-moved" : "provider-declined";
		}
		if (!relayed.outcome().ok()) {
			refuse(request, response, HttpServletResponse.SC_BAD_GATEWAY, switch (relayed.outcome()) {
				case TOKEN_REJECTED, REFRESH_REJECTED -> "the provider refused connection "
						+ credentials.connection().name().value()
						+ "'s authorization, which is now in ERROR: update its authorization in the console.";
				case INSTALLATION_SUSPENDED -> "the GitHub App's installation connection "
						+ credentials.connection().name().value() + " reads through is suspended, and the connection "
						+ "is now in ERROR: an owner of the installation lifts the suspension at GitHub.";
				case INSTALLATION_DELETED -> "the GitHub App's installation connection "
						+ credentials.connection().name().value() + " read through was deleted, and the connection is "
						+ "now in ERROR: install the app again and update the connection's authorization in the console.";
				case AUTHORIZATION_REVOKED -> "the user who authorized connection "
						+ credentials.connection().name().value() + " revoked the GitHub App's authorization, and the "
						+ "connection is now in ERROR: update its authorization in the console.";
				case RATE_LIMITED -> "the provider's rate limit for this connection is spent: try again later.";
				case NOT_CONFIGURED -> "connection " + credentials.connection().name().value() + "'s token has "
						+ "expired and can't be refreshed: its provider is not configured on this console.";
				case UNEXPECTED_ANSWER -> "the provider gave an answer the console can't read: try again later.";
				case ANSWER_TOO_LARGE -> "the provider's answer was larger than the console reads.";
				case UNREACHABLE, OK -> "the provider could not be reached, failed or did not answer in time: "
						+ "try again later.";
			});
			return "provider-" + relayed.outcome().name().toLowerCase();
		}
		meters.summary("console.git.bytes").record(relayed.bytes());
		// the provider has no such repository (any more), or not for this token: git says so from the 404 relayed
		return relayed.status() == HttpServletResponse.SC_NOT_FOUND ? "provider-not-found" : "relayed";
	}

	/**
	 * The password of the request's Basic credentials: the link token, whatever the user name; or the token sent as a
	 * bearer token ({@code http.extraHeader="Authorization: Bearer …"}, as some CI systems configure git).
	 */
	private static String password(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (bearer(header)) {
			return header.substring(BEARER.length()).strip();
		}
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
			int colon = pair.indexOf(':');
			return colon < 0 ? null : pair.substring(colon + 1);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response,
			RepositoryLinkService.Refusal refusal) throws IOException {
		switch (refusal) {
			case NO_TOKEN -> refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED,
					"give a token of this repository's link as the password (any user name).");
			case UNKNOWN_TOKEN -> refuse(request, response, tokenRefused(request),
					"this token is not known: it may be mistyped, or its link deleted (a link's tokens start with "
					+ RepositoryLinkService.SECRET_PREFIX + ").");
			case REVOKED -> refuse(request, response, tokenRefused(request), "this token was revoked.");
			case EXPIRED -> refuse(request, response, tokenRefused(request), "this token has expired.");
			case OTHER_LINK -> refuse(request, response, HttpServletResponse.SC_FORBIDDEN,
					"this token reads another repository: each token reads its own link's repository only.");
		}
	}

	/**
	 * A refused token's status: 401, on which git forgets the password it gave (or asks a credential helper for
	 * another); but 403 for a bearer token, which git sends from its configuration whatever it is asked, and on a 401
	 * would ask for a user name instead of printing why.
	 */
	private static int tokenRefused(HttpServletRequest request) {
		return bearer(request.getHeader(HttpHeaders.AUTHORIZATION)) ? HttpServletResponse.SC_FORBIDDEN
				: HttpServletResponse.SC_UNAUTHORIZED;
	}

	private static boolean bearer(String authorization) {
		return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
	}

	private static void refuseWrite(HttpServletRequest request, HttpServletResponse response) throws IOException {
		refuse(request, response, HttpServletResponse.SC_FORBIDDEN,
				"repositories read through the console are read-only: push to the provider itself.");
	}

	/** A refusal to try again in a moment (503, {@code Retry-After}). */
	private static void busy(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, "5");
		refuse(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, reason + ": try again in a moment.");
	}

	/**
	 * One plain-text line, which git shows to the person as {@code remote: …}. A fetch's refusal is Git's own error
	 * line instead, in an answer git reads: git shows no body of a failed fetch, only its status, but prints an
	 * {@code ERR} line as {@code fatal: remote error: …}. A refusal of the fetch's token keeps its 401, on which git
	 * forgets the token (or asks for one, when there was none).
	 */
	private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String reason)
			throws IOException {
		if (HttpMethod.POST.matches(request.getMethod()) && request.getRequestURI().endsWith("/" + UPLOAD_PACK)
				&& status != HttpServletResponse.SC_UNAUTHORIZED) {
			byte[] line = ("ERR Connections Console: " + reason + "\n").getBytes(StandardCharsets.UTF_8);
			response.setStatus(HttpServletResponse.SC_OK);
			response.setContentType("application/x-git-upload-pack-result");
			response.getOutputStream().write("%04x".formatted(line.length + 4).getBytes(StandardCharsets.US_ASCII));
			response.getOutputStream().write(line);
			return;
		}
		if (status == HttpServletResponse.SC_UNAUTHORIZED) {
			// every 401 names the scheme to answer with (HTTP requires it), so that git and credential helpers ask
			// for another token, whether there was none or the one given was refused
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Connections Console\", charset=\"UTF-8\"");
		}
		response.setStatus(status);
		response.setContentType(MediaType.TEXT_PLAIN_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().println("Connections Console: " + reason);
	}

}
