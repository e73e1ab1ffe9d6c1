package io.connectionsconsole.provider;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.connection.Connection.ProviderAccount;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.error.InvalidInputException;

/**
 * One provider's REST API, as far as the console needs it: whose token it is, whether the token still works
 * (both a {@code GET /user} with the token as Bearer), and the repositories and branches the token can read, page
 * after page as the provider pages them. What differs between providers is the JSON, the headers and the paging.
 */
abstract sealed class ProviderClient permits GitHubClient, BitbucketClient {

	static final int MAX_NAME_LENGTH = 255;

	static final int MAX_URL_LENGTH = 1024;

	/** The most pages of one listing the console reads (of 100 items each); more are reported as truncated. */
	static final int MAX_PAGES = 10;

	/** Items a page, the most both providers allow. */
	static final int PAGE_LENGTH = 100;

	/** The most items of one listing the console keeps, whatever a provider puts on its pages. */
	static final int MAX_ITEMS = MAX_PAGES * PAGE_LENGTH;

	private final RestClient rest;

	private final URI apiUrl;

	private final URI userEndpoint;

	ProviderClient(ProviderHttp http, URI apiUrl) {
		this.rest = RestClient.builder().requestFactory(http.requestFactory()).build();
		this.apiUrl = apiUrl;
		this.userEndpoint = api().path("/user").build().toUri();
	}

	abstract ProviderType type();

	/** The account the token acts as, read from the registration's user-info endpoint. */
	ProviderAccount currentUser(URI userInfoUri, String accessToken) {
		return account(user(userInfoUri, accessToken));
	}

	/** Asks the provider's API about the token; a {@link ProviderCallException} says what was wrong. */
	void verify(String accessToken) {
		user(userEndpoint, accessToken);
	}

	/**
	 * Every repository the token can read, in the provider's order, up to {@link #MAX_PAGES} pages. With the listing
	 * read before ({@code previous}, else null), each page is asked for with its {@code ETag}, and a page the provider
	 * answers unchanged (304) is taken from it.
	 */
	Listing<Repo> repositories(String accessToken, Listing<Repo> previous) {
		return list(repositoriesUri(), accessToken, this::repository, previous);
	}

	/** The branches of the repository, as {@link #repositories}; empty when the provider doesn't know it. */
	Optional<Listing<Branch>> branches(String accessToken, RepoName repository, Listing<Branch> previous) {
		try {
			return Optional.of(list(branchesUri(repository), accessToken, this::branch, previous));
		}
		catch (ProviderCallException ex) {
			if (ex.notFound()) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	/** The provider account in the user JSON; {@link ProviderCallException} when it names none. */
	abstract ProviderAccount account(JsonNode user);

	abstract void addHeaders(HttpHeaders headers);

	/** The first page of the repositories the token can read. */
	abstract URI repositoriesUri();

	/** The first page of a repository's branches. */
	abstract URI branchesUri(RepoName repository);

	/** The items of one page of a listing; null when the answer has none. */
	abstract JsonNode items(JsonNode page);

	/** Where the next page of a listing is, as the provider says; null on the last page. */
	abstract String nextPage(ApiAnswer answer);

	/** A repository in the provider's JSON; null for an item that names none. */
	abstract Repo repository(JsonNode item);

	/** A branch in the provider's JSON; null for an item that names none. */
	abstract Branch branch(JsonNode item);

	/** The API root, for building the URLs of its endpoints. */
	final UriComponentsBuilder api() {
		return UriComponentsBuilder.fromUri(apiUrl);
	}

	private <T> Listing<T> list(URI first, String accessToken, Function<JsonNode, T> item, Listing<T> previous) {
		List<Listing.Page<T>> pages = new ArrayList<>();
		int kept = 0;
		URI next = first;
		boolean more = false;
		while (next != null && pages.size() < MAX_PAGES && !more) {
			Listing.Page<T> before = previous == null ? null : previous.page(next);
			ApiAnswer answer = get(next, accessToken, before == null ? null : before.etag());
			Listing.Page<T> page;
			if (answer.notModified()) {
				page = before;
			}
			else {
				JsonNode values = items(answer.body());
				if (values == null || !values.isArray()) {
					throw ProviderCallException.unexpected("A listing answered without its items", null);
				}
				List<T> items = new ArrayList<>();
				for (JsonNode value : values) {
					T found = value.isObject() ? item.apply(value) : null;
					if (found != null) {
						items.add(found);
					}
				}
				page = new Listing.Page<>(next, answer.headers().getETag(), items, onThisApi(nextPage(answer)));
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
	private URI onThisApi(String next) {
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

	private JsonNode user(URI uri, String accessToken) {
		JsonNode user = get(uri, accessToken, null).body();
		if (!user.isObject()) {
			throw ProviderCallException.unexpected("The user endpoint answered without a JSON object", null);
		}
		return user;
	}

	/** A GET with the token; with an {@code etag}, conditional, and a 304 is an answer without a body. */
	private ApiAnswer get(URI uri, String accessToken, String etag) {
		try {
			return rest.get().uri(uri).headers((headers) -> {
				headers.setBearerAuth(accessToken);
				addHeaders(headers);
				if (etag != null) {
					headers.setIfNoneMatch(etag);
				}
			}).exchange((request, response) -> {
				HttpStatusCode status = response.getStatusCode();
				if (etag != null && status.value() == 304) {
					return new ApiAnswer(null, response.getHeaders());
				}
				if (!status.is2xxSuccessful()) {
					throw ProviderCallException.status(status, response.getHeaders(), null);
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
	record ApiAnswer(JsonNode body, HttpHeaders headers) {

		boolean notModified() {
			return body == null;
		}

	}

	static String text(JsonNode node) {
		return node != null && node.isString() && !node.stringValue().isBlank() ? node.stringValue() : null;
	}

	/** A time the provider wrote in ISO 8601; null when it wrote none or something else. */
	static Instant time(JsonNode node) {
		String value = text(node);
		try {
			return value == null ? null : OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** A repository's full name when it is one: what the console links to and asks branches of. */
	static String fullName(String value) {
		try {
			return value == null ? null : RepoName.parse(value).fullName();
		}
		catch (InvalidInputException ex) {
			return null;
		}
	}

	static ProviderCallException noAccount(String what) {
		return ProviderCallException.unexpected("The user endpoint named no " + what, null);
	}

	/** A display name that fits the column. */
	static String shorten(String value) {
		return value.length() <= MAX_NAME_LENGTH ? value : value.substring(0, MAX_NAME_LENGTH);
	}

	/** The provider's profile URL when it is a plain web address, since the page links to it; else null. */
	static String webUrl(String url) {
		if (url == null || url.length() > MAX_URL_LENGTH) {
			return null;
		}
		try {
			URI uri = URI.create(url);
			boolean web = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
			return web ? uri.toString() : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
