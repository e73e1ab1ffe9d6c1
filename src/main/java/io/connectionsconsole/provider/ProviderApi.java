package io.connectionsconsole.provider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;

import io.connectionsconsole.connection.Connection.ProviderAccount;

/**
 * How the console reads a provider's REST API, the same for every {@link ProviderClient}: whose token it is, whether
 * the token still works (a {@code GET} with the token as Bearer), and the repositories and branches the token can read,
 * page after page as the provider pages them, within bounds that no provider's answer can stretch. What differs between
 * providers (the JSON, the headers, the paging) is the client's to say.
 */
@Component
class ProviderApi {

	/** The most pages of one listing the console reads (of 100 items each); more are reported as truncated. */
	static final int MAX_PAGES = 10;

	/** Items a page, the most both providers allow. */
	static final int PAGE_LENGTH = 100;

	/** The most items of one listing the console keeps, whatever a provider puts on its pages. */
	static final int MAX_ITEMS = MAX_PAGES * PAGE_LENGTH;

	private final ProviderHttp http;

	ProviderApi(ProviderHttp http) {
		this.http = http;
	}

	/** The account the token acts as, read from the registration's user-info endpoint. */
	ProviderAccount currentUser(ProviderClient client, URI userInfoUri, String accessToken) {
		return client.account(user(client, userInfoUri, accessToken));
	}

	/** Asks the provider's API about the token; a {@link ProviderCallException} says what was wrong. */
	void verify(ProviderClient client, String accessToken) {
		user(client, client.tokenCheckUri(), accessToken);
	}

	/**
	 * Every repository the token can read, in the provider's order, up to {@link #MAX_PAGES} pages. With the listing
	 * read before ({@code previous}, else null), each page is asked for with its {@code ETag}, and a page the provider
	 * answers unchanged (304) is taken from it.
	 */
	Listing<Repo> repositories(ProviderClient client, String accessToken, Listing<Repo> previous) {
		return list(client, client.repositoriesUri(), accessToken, client::repository, previous);
	}

	/** The branches of the repository, as {@link #repositories}; empty when the provider doesn't know it. */
	Optional<Listing<Branch>> branches(ProviderClient client, String accessToken, RepoName repository,
			Listing<Branch> previous) {
		try {
			return Optional.of(list(client, client.branchesUri(repository), accessToken, client::branch, previous));
		}
		catch (ProviderCallException ex) {
			if (ex.notFound()) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	private <T> Listing<T> list(ProviderClient client, URI first, String accessToken, Function<JsonNode, T> item,
			Listing<T> previous) {
		List<Listing.Page<T>> pages = new ArrayList<>();
		int kept = 0;
		URI next = first;
		boolean more = false;
		while (next != null && pages.size() < MAX_PAGES && !more) {
			Listing.Page<T> before = previous == null ? null : previous.page(next);
			ApiAnswer answer = get(client, next, accessToken, before == null ? null : before.etag());
			Listing.Page<T> page;
			if (answer.body() == null) {
				page = before;
			}
			else {
				JsonNode values = client.items(answer.body());
				if (values == null || !values.isArray()) {
					throw ProviderCallException.unexpected("A listing answered without its items", null);
				}
				List<T> items = values.valueStream()
					.filter(JsonNode::isObject)
					.map(item)
					.filter(Objects::nonNull)
					.toList();
				page = new Listing.Page<>(next, answer.headers().getETag(), items, onThisApi(client.apiUrl(),
						client.nextPage(next, answer.body(), answer.headers())));
			}
			if (kept + page.items().size() > MAX_ITEMS) {
				page = new Listing.Page<>(page.uri(), null, page.items().subList(0, MAX_ITEMS - kept), null);
				more = true;
			}
			pages.add(page);
			kept += page.items().size();
			next = page.next();
		}
		return new Listing<>(pages, more || next != null);
	}

	/**
	 * The next page's URL, only where it is on this provider's API: the token goes with every request, so a page
	 * link elsewhere is refused, never followed.
	 */
	private static URI onThisApi(URI apiUrl, String next) {
		if (next == null || next.isBlank()) {
			return null;
		}
		URI uri;
		try {
			uri = URI.create(next);
		}
		catch (IllegalArgumentException ex) {
			throw ProviderCallException.unexpected("The provider's next page is not a URL", null);
		}
		boolean same = apiUrl.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
				&& apiUrl.getHost().equalsIgnoreCase(String.valueOf(uri.getHost())) && port(apiUrl) == port(uri)
				&& uri.getRawPath() != null && uri.getRawPath().startsWith(apiUrl.getRawPath());
		if (!same) {
			throw ProviderCallException.unexpected("The provider's next page is not on its API (" + uri.getHost() + ")",
					null);
		}
		return uri;
	}

	private static int port(URI uri) {
		return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private JsonNode user(ProviderClient client, URI uri, String accessToken) {
		JsonNode user = get(client, uri, accessToken, null).body();
		if (!user.isObject()) {
			throw ProviderCallException.unexpected("The user endpoint answered without a JSON object", null);
		}
		return user;
	}

	/** A GET with the token; with an {@code etag}, conditional, and a 304 is an answer without a body. */
	private ApiAnswer get(ProviderClient client, URI uri, String accessToken, String etag) {
		try {
			return http.rest(client.sslContext()).get().uri(uri).headers((headers) -> {
				headers.setBearerAuth(accessToken);
				client.addHeaders(headers);
				if (etag != null) {
					headers.setIfNoneMatch(etag);
				}
			}).exchange((request, response) -> {
				HttpStatusCode status = response.getStatusCode();
				if (etag != null && status.value() == 304) {
					return new ApiAnswer(null, response.getHeaders());
				}
				if (!status.is2xxSuccessful()) {
					boolean saysRateLimited = status.value() == 403 && ProviderCallException.saysRateLimited(
							new String(response.getBody().readNBytes(4096), StandardCharsets.UTF_8));
					throw ProviderCallException.status(status, response.getHeaders(), saysRateLimited, null);
				}
				JsonNode body = response.bodyTo(JsonNode.class);
				if (body == null) {
					throw ProviderCallException.unexpected("The provider answered without a JSON body", null);
				}
				return new ApiAnswer(body, response.getHeaders());
			});
		}
		catch (RuntimeException ex) {
			throw ProviderCallException.of(ex);
		}
	}

	/** One answer of the API: its JSON and its headers; no JSON when the page is unchanged since its ETag. */
	private record ApiAnswer(JsonNode body, HttpHeaders headers) {
	}

}
