package io.connectionsconsole.provider;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.coyote.CloseNowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.CheckTrigger;
import io.connectionsconsole.connection.ConnectionCredentials;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.error.Printable;

/**
 * Reads a repository over Git's smart HTTP at the connection's provider, for a client of the console: the discovery
 * ({@code GET info/refs?service=git-upload-pack}) and the fetch ({@code POST git-upload-pack}) go to
 * {@code {gitUrl}/{owner}/{name}.git} with the connection's token, and both bodies stream through, so that no pack is
 * held in memory. The token goes to the provider only: the client gets the provider's status, its body and the few
 * headers that describe the body, never a header or a redirect of the provider's. An expiring token is refreshed first,
 * and what the provider says of the token is recorded like a repository read, so a rejected one turns the connection
 * to {@code ERROR}.
 */
@Component
public class GitRelay {

	private static final Logger log = LoggerFactory.getLogger(GitRelay.class);

	/** The client's headers that say what it sends and which protocol it speaks; nothing else goes on. */
	private static final List<String> REQUEST_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_ENCODING,
			HttpHeaders.ACCEPT, "Git-Protocol");

	/** The provider's headers that describe its body; nothing else comes back. */
	private static final List<String> RESPONSE_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CACHE_CONTROL,
			HttpHeaders.EXPIRES, HttpHeaders.PRAGMA);

	/**
	 * How much of a fetch's body is kept to send again when the provider refused a token that a refresh then renewed:
	 * a clone's wants and a fetch's first haves fit, a longer negotiation is not kept and git is told to try again.
	 */
	public static final int REPLAYED_BODY = 64 * 1024;

	/** The most of a pack written to the client at once. */
	private static final int COPIED_AT_ONCE = 64 * 1024;

	/** The most of a provider's refusal quoted to the client. */
	private static final int SAID = 300;

	private final ProviderHttp http;

	private final ProviderCalls calls;

	private final ConnectionService connections;

	private final GitHubInstallations installations;

	GitRelay(ProviderHttp http, ProviderCalls calls, ConnectionService connections,
			GitHubInstallations installations) {
		this.http = http;
		this.calls = calls;
		this.connections = connections;
		this.installations = installations;
	}

	/**
	 * Forwards the client's request for {@code service} ({@code info/refs} or {@code git-upload-pack}) of
	 * {@code repository} and streams the provider's answer to {@code response}, unless the provider could not be asked
	 * or refused the token: then nothing is written and the answer says why. {@code actor} is recorded with the read.
	 */
	public Relayed relay(ConnectionCredentials credentials, RepoName repository, String service,
			HttpServletRequest request, HttpServletResponse response, String actor) throws IOException {
		ClientBody sent = "POST".equals(request.getMethod()) ? new ClientBody(request) : null;
		ProviderCalls.Answer<Upstream> answer;
		try {
			answer = calls.call(credentials, repository,
					(client, token) -> send(client, token, repository, service, request, sent));
		}
		catch (ClientGone ex) {
			// the client stopped sending its fetch: nothing of the provider to record, and no one to answer
			throw ex.getCause();
		}
		catch (Declined ex) {
			// the provider read the token and answered for this repository alone: nothing to record of the connection
			log.info("Git read of {} in {} by {}: {}", repository.fullName(), credentials.connection().arn(), actor,
					ex.getMessage());
			return new Relayed(CheckOutcome.OK, ex.status, 0, false, ex.getMessage());
		}
		if (sent != null && sent.notResent) {
			// the token was refreshed and stored; only this fetch, too long to keep, is lost: nothing to record
			log.info("Git fetch of {} in {} by {}: its token was renewed meanwhile, and it can't be sent again",
					repository.fullName(), credentials.connection().arn(), actor);
			return new Relayed(CheckOutcome.UNREACHABLE, 0, 0, true, null);
		}
		if (answer.asked()) {
			connections.recordCheck(answer.credentials(), answer.outcome(), CheckTrigger.REPOSITORY_READ, actor);
		}
		Upstream upstream = answer.value();
		if (upstream == null) {
			log.info("Git read of {} in {} by {}: {}", repository.fullName(), credentials.connection().arn(), actor,
					answer.said());
			return new Relayed(answer.outcome(), 0, 0, false, null);
		}
		response.setStatus(upstream.status());
		for (String name : RESPONSE_HEADERS) {
			String value = upstream.headers().getFirst(name);
			if (value != null) {
				response.setHeader(name, value);
			}
		}
		long bytes = 0;
		OutputStream out = response.getOutputStream();
		try (InputStream body = upstream.body()) {
			// The status and headers go at once, and then whatever the provider has sent each time it pauses: while it
			// prepares a pack, it sends progress, or keep-alives that tell proxies on the way the clone is alive.
			response.flushBuffer();
			byte[] buffer = new byte[COPIED_AT_ONCE];
			for (int read = fromProvider(body, buffer); read != -1; read = fromProvider(body, buffer)) {
				out.write(buffer, 0, read);
				bytes += read;
				if (pauses(body)) {
					out.flush();
				}
			}
		}
		catch (ProviderCutOff ex) {
			log.warn("Git read of {} in {} by {}: the provider's answer broke off after {} bytes ({})",
					repository.fullName(), credentials.connection().arn(), actor, bytes, ex.getCause().getMessage());
			// The connection is closed without the end of a whole answer, and git says the transfer was cut off
			// (closed, it would be a whole answer that is not a whole pack); Tomcat logs no error of its own for it.
			throw new CloseNowException("The provider's answer broke off", ex.getCause());
		}
		out.close();
		return new Relayed(CheckOutcome.OK, upstream.status(), bytes, false, null);
	}

	/**
	 * The GitHub App installation the connection reads through, when GitHub said that the repository was taken out of
	 * its selection (and not added back); null otherwise.
	 */
	public GitHubInstallations.Installation removedFrom(ConnectionCredentials credentials, RepoName repository) {
		Long installation = credentials.connection().installationId();
		if (installation == null || !installations.removedFromInstallation(installation, repository)) {
			return null;
		}
		return installations.find(installation).orElse(null);
	}

	private Upstream send(ProviderClient client, String token, RepoName repository, String service,
			HttpServletRequest request, ClientBody sent) {
		UriComponentsBuilder target = UriComponentsBuilder.fromUri(client.gitUrl()).path("/{owner}/{name}.git/" + service);
		if (sent == null) {
			// The discovery (a GET, or a HEAD, which the provider is asked as a GET) asks for reading, whatever else
			// the client's query says: nothing of it goes on with the connection's token.
			target.queryParam("service", "git-upload-pack");
		}
		URI uri = target.buildAndExpand(repository.owner(), repository.name()).toUri();
		try {
			HttpURLConnection connection = http.open(uri, client.sslContext());
			connection.setRequestProperty(HttpHeaders.AUTHORIZATION, basic(client.gitUser(), token));
			connection.setRequestProperty(HttpHeaders.USER_AGENT, "git/connections-console");
			for (String name : REQUEST_HEADERS) {
				String value = request.getHeader(name);
				if (value != null) {
					connection.setRequestProperty(name, value);
				}
			}
			if (sent != null) {
				try {
					sent.sendTo(connection);
				}
				catch (ClientGone ex) {
					connection.disconnect();
					throw ex;
				}
			}
			int status = connection.getResponseCode();
			HttpHeaders headers = new HttpHeaders();
			connection.getHeaderFields().forEach((name, values) -> {
				if (name != null) {
					headers.addAll(name, values);
				}
			});
			if (status == HttpStatus.OK.value()) {
				return new Upstream(status, headers, connection.getInputStream());
			}
			if (status == HttpStatus.NOT_FOUND.value()) {
				InputStream body = connection.getErrorStream();
				return new Upstream(status, headers, (body != null) ? body : InputStream.nullInputStream());
			}
			HttpStatusCode code = HttpStatusCode.valueOf(status);
			String said = status == HttpStatus.FORBIDDEN.value()
					? Printable.within(withoutCredentials(firstLine(connection.getErrorStream()), client.gitUser(), token),
							SAID)
					: "";
			connection.disconnect();
			String movedTo = status == HttpStatus.MOVED_PERMANENTLY.value()
					|| status == HttpStatus.PERMANENT_REDIRECT.value()
							? Declined.movedTo(client.gitUrl(), headers.getLocation()) : null;
			if (movedTo != null && !movedTo.equalsIgnoreCase(repository.fullName())) {
				throw Declined.moved(repository, movedTo);
			}
			ProviderCallException failed = ProviderCallException.status(code, headers,
					ProviderCallException.saysRateLimited(said), null);
			if (status == HttpStatus.FORBIDDEN.value() && failed.kind() != ProviderCallException.Kind.RATE_LIMITED) {
				throw Declined.forbidden(repository, said);
			}
			throw failed;
		}
		catch (IOException ex) {
			throw ProviderCallException.of(new ResourceAccessException("The provider's Git host", ex));
		}
	}

	/**
	 * The client's body, sent to the provider as it arrives: streamed, never held whole. Its first
	 * {@link #REPLAYED_BODY} bytes are kept, so that it can be sent again after a refreshed token.
	 */
	private static final class ClientBody {

		private final HttpServletRequest request;

		private BufferedInputStream kept;

		/** Whether a second try found the body too long to send again. */
		private boolean notResent;

		ClientBody(HttpServletRequest request) {
			this.request = request;
		}

		void sendTo(HttpURLConnection connection) throws IOException {
			if (kept == null) {
				kept = new BufferedInputStream(request.getInputStream());
			}
			else {
				try {
					kept.reset();
				}
				catch (IOException ex) {
					notResent = true;
					throw ProviderCallException.of(new ResourceAccessException("The fetch's request, of more than "
							+ REPLAYED_BODY + " bytes, can't be sent again with the refreshed token"));
				}
			}
			kept.mark(REPLAYED_BODY);
			connection.setRequestMethod("POST");
			connection.setDoOutput(true);
			long length = request.getContentLengthLong();
			if (length >= 0) {
				connection.setFixedLengthStreamingMode(length);
			}
			else {
				connection.setChunkedStreamingMode(0);
			}
			long copied = 0;
			try (OutputStream out = connection.getOutputStream()) {
				byte[] buffer = new byte[COPIED_AT_ONCE];
				for (int read = fromClient(buffer); read != -1; read = fromClient(buffer)) {
					out.write(buffer, 0, read);
					copied += read;
				}
				if (length >= 0 && copied < length) {
					throw new ClientGone(new EOFException("The client's fetch ended after " + copied + " of its "
							+ length + " bytes"));
				}
			}
		}

		private int fromClient(byte[] buffer) {
			try {
				return kept.read(buffer);
			}
			catch (IOException ex) {
				throw new ClientGone(ex);
			}
		}

	}

	private static int fromProvider(InputStream body, byte[] buffer) {
		try {
			return body.read(buffer);
		}
		catch (IOException ex) {
			throw new ProviderCutOff(ex);
		}
	}

	/** Whether the provider has sent nothing more yet. */
	private static boolean pauses(InputStream body) {
		try {
			return body.available() == 0;
		}
		catch (IOException ex) {
			throw new ProviderCutOff(ex);
		}
	}

	/**
	 * The provider's answer broke off midway: it closed (HttpURLConnection reads a body that ends before its announced
	 * length or last chunk as "Premature EOF"), or went silent past the read time-out.
	 */
	private static final class ProviderCutOff extends RuntimeException {

		ProviderCutOff(IOException cause) {
			super(cause);
		}

	}

	/** The client's body could not be read whole: the client went, or went silent. */
	private static final class ClientGone extends RuntimeException {

		ClientGone(IOException cause) {
			super(cause);
		}

		@Override
		public IOException getCause() {
			return (IOException) super.getCause();
		}

	}

	/**
	 * The first line of an answer's body, of its first few kilobytes; empty for none, or for a body that could not be
	 * read (the status says enough).
	 */
	private static String firstLine(InputStream body) {
		if (body == null) {
			return "";
		}
		try (body) {
			String text = new String(body.readNBytes(SAID * 4), StandardCharsets.UTF_8).strip();
			int end = text.indexOf('\n');
			return end < 0 ? text : text.substring(0, end).strip();
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** What the provider said, without the connection's token, should it quote it: the client never sees it. */
	private static String withoutCredentials(String said, String user, String token) {
		return said.replace(token, "****").replace(basic(user, token).substring("Basic ".length()), "****");
	}

	/**
	 * What the provider answered of this repository alone, with the token taken: a redirect (GitHub's, for a
	 * repository renamed or moved to another owner) or a refusal that is not a rate limit (an organization that
	 * restricts OAuth apps, or wants single sign-on). The link's repository is no longer there, or not for this token;
	 * the connection is as it was. The redirect is not followed: the token goes to the provider's address only.
	 */
	static final class Declined extends RuntimeException {

		private final int status;

		private Declined(int status, String message) {
			super(message, null, false, false);
			this.status = status;
		}

		static Declined moved(RepoName repository, String movedTo) {
			return new Declined(HttpStatus.NOT_FOUND.value(), "repository " + repository.fullName()
					+ " has moved at the provider to " + movedTo + ": link " + movedTo + " to read it.");
		}

		static Declined forbidden(RepoName repository, String said) {
			return new Declined(HttpStatus.FORBIDDEN.value(), "the provider refused to let the connection read "
					+ repository.fullName() + (said.isEmpty() ? "." : ": " + said));
		}

		/**
		 * The repository a permanent redirect names on the provider's own Git host (same scheme, host and port), or
		 * null: a redirect elsewhere (to a sign-in, say) is no move of the repository.
		 */
		static String movedTo(URI gitUrl, URI location) {
			if (location == null) {
				return null;
			}
			URI target = gitUrl.resolve(location);
			String base = gitUrl.getPath() == null ? "" : gitUrl.getPath().replaceAll("/+$", "");
			String path = target.getPath();
			int git = path == null ? -1 : path.indexOf(".git/");
			if (!Objects.equals(target.getScheme(), gitUrl.getScheme())
					|| !Objects.equals(target.getHost(), gitUrl.getHost()) || target.getPort() != gitUrl.getPort()
					|| git < 0 || !path.startsWith(base + "/")) {
				return null;
			}
			try {
				return RepoName.parse(path.substring(base.length() + 1, git)).fullName();
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

	}

	private static String basic(String user, String token) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * What a relay did: {@code OK} with the provider's status and the bytes streamed to the client, or what kept the
	 * provider from being read ({@code status} 0). {@code renewed}: the connection's token was refreshed during a fetch
	 * too long to send again, which the client sends anew. {@code declined}: why the provider would not serve this
	 * repository (moved, or refused to this token), with {@code status} the one to answer; nothing was streamed.
	 */
	public record Relayed(CheckOutcome outcome, int status, long bytes, boolean renewed, String declined) {
	}

	/** The provider's answer to relay: its status, its headers and its body, still to be read. */
	private record Upstream(int status, HttpHeaders headers, InputStream body) {
	}

}
