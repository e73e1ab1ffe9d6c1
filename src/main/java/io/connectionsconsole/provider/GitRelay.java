package io.connectionsconsole.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.CheckTrigger;
import io.connectionsconsole.connection.ConnectionCredentials;
import io.connectionsconsole.connection.ConnectionService;

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

	private final ProviderHttp http;

	private final ConsoleProperties.Providers properties;

	private final ProviderCalls calls;

	private final ConnectionService connections;

	private final GitHubInstallations installations;

	GitRelay(ConsoleProperties properties, ProviderHttp http, ProviderCalls calls, ConnectionService connections,
			GitHubInstallations installations) {
		this.properties = properties.providers();
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
		ProviderCalls.Answer<HttpResponse<InputStream>> answer = calls.call(credentials, repository,
				(client, token) -> send(client, token, repository, service, request));
		if (answer.asked()) {
			connections.recordCheck(answer.credentials(), answer.outcome(), CheckTrigger.REPOSITORY_READ, actor);
		}
		HttpResponse<InputStream> upstream = answer.value();
		if (upstream == null) {
			log.info("Git read of {} in {} by {}: {}", repository.fullName(), credentials.connection().arn(), actor,
					answer.outcome());
			return new Relayed(answer.outcome(), 0, 0);
		}
		response.setStatus(upstream.statusCode());
		for (String name : RESPONSE_HEADERS) {
			upstream.headers().firstValue(name).ifPresent((value) -> response.setHeader(name, value));
		}
		long bytes;
		try (InputStream body = upstream.body(); OutputStream out = response.getOutputStream()) {
			bytes = body.transferTo(out);
		}
		return new Relayed(CheckOutcome.OK, upstream.statusCode(), bytes);
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

	private HttpResponse<InputStream> send(ProviderClient client, String token, RepoName repository, String service,
			HttpServletRequest request) {
		URI uri = UriComponentsBuilder.fromUri(client.gitUrl())
			.path("/{owner}/{name}.git/" + service)
			.query(request.getQueryString())
			.buildAndExpand(repository.owner(), repository.name())
			.toUri();
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.timeout(properties.readTimeout())
			.header(HttpHeaders.AUTHORIZATION, basic(client.gitUser(), token))
			.header(HttpHeaders.USER_AGENT, "git/connections-console");
		for (String name : REQUEST_HEADERS) {
			String value = request.getHeader(name);
			if (value != null) {
				builder.header(name, value);
			}
		}
		if ("POST".equals(request.getMethod())) {
			builder.POST(HttpRequest.BodyPublishers.ofInputStream(() -> {
				try {
					return request.getInputStream();
				}
				catch (IOException ex) {
					throw new ResourceAccessException("The client's body could not be read", ex);
				}
			}));
		}
		HttpResponse<InputStream> response;
		try {
			response = http.client(client.sslContext()).send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			throw ProviderCallException.of(new ResourceAccessException("The provider's Git host", ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ProviderCallException.of(new ResourceAccessException("Interrupted", new IOException(ex)));
		}
		int status = response.statusCode();
		if (status == HttpStatus.OK.value() || status == HttpStatus.NOT_FOUND.value()) {
			return response;
		}
		close(response);
		HttpHeaders headers = new HttpHeaders();
		response.headers().map().forEach(headers::addAll);
		throw ProviderCallException.status(HttpStatusCode.valueOf(status), headers, null);
	}

	private static void close(HttpResponse<InputStream> response) {
		try {
			response.body().close();
		}
		catch (IOException ex) {
			// Nothing of it is read: a body that fails to close costs its connection only.
		}
	}

	private static String basic(String user, String token) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * What a relay did: {@code OK} with the provider's status and the bytes streamed to the client, or what kept the
	 * provider from being read ({@code status} 0).
	 */
	public record Relayed(CheckOutcome outcome, int status, long bytes) {
	}

}
