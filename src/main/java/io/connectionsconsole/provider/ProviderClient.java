package io.connectionsconsole.provider;

import java.net.URI;
import java.util.List;

import javax.net.ssl.SSLContext;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.connection.Connection.ProviderAccount;
import io.connectionsconsole.connection.ProviderType;

/**
 * What a provider supplies for the console to talk to it; a new provider is a {@code @Component} implementing this
 * (a record of its settings and TLS trust, as the three here), found by its {@link #type()} through {@link Providers}.
 * It says where its OAuth2 endpoints are, which requests its REST API answers and how to read their JSON; the console
 * makes every call itself ({@link ProviderApi}, {@link TokenEndpoint}), so the token, the time-outs, the bounds on
 * answers and the paging rules are the same for all.
 */
public interface ProviderClient {

	ProviderType type();

	/** The defaults of the provider's OAuth2 client registration, which the {@code spring.security.oauth2.client.*} properties override. */
	Authorization authorization();

	/** The provider's settings, {@code console.providers.{registration id}}. */
	ConsoleProperties.Provider settings();

	/** The root of the provider's REST API: every page of a listing must be under it, since the token goes with it. */
	default URI apiUrl() {
		return settings().apiUrl();
	}

	/** The root of the provider's Git host: a repository is {@code {gitUrl}/{full name}.git} under it. */
	default URI gitUrl() {
		return settings().gitUrl();
	}

	/** The TLS trust of a host whose certificate a private authority issued; null for the JDK's authorities. */
	default SSLContext sslContext() {
		return null;
	}

	/** The settings of a team's own server at {@code web}, its API at {@code apiPath} under it. */
	static ConsoleProperties.Provider serverSettings(URI web, String apiPath) {
		return new ConsoleProperties.Provider(URI.create(web + apiPath), web, true, ConsoleProperties.Mode.OAUTH_APP,
				new ConsoleProperties.App(null, null, null, null, null));
	}

	/** The user name that goes with the connection's token when the console reads a repository over Git's HTTP. */
	String gitUser();

	/** The headers every API request carries besides the token: JSON, unless the provider asks for its own type. */
	default void addHeaders(HttpHeaders headers) {
		headers.setAccept(List.of(MediaType.APPLICATION_JSON));
	}

	/**
	 * What a token check asks with the token: the API's current user, whose answer says whether the token works;
	 * {@code /user} under the API root, where GitHub and Bitbucket answer it.
	 */
	default URI tokenCheckUri() {
		return api().path("/user").build().toUri();
	}

	/** An address under {@link #apiUrl()}, to build on. */
	default UriComponentsBuilder api() {
		return UriComponentsBuilder.fromUri(apiUrl());
	}

	/** The query parameter that sets how many items a page of a listing holds. */
	default String pageLengthParameter() {
		return "per_page";
	}

	/**
	 * The first page of a listing at {@code address} (built on {@link #api()}), {@link ProviderApi#PAGE_LENGTH} items
	 * long; each of {@code variables} fills one template variable of the path as one segment, slashes encoded.
	 */
	default URI firstPage(UriComponentsBuilder address, Object... variables) {
		return address.queryParam(pageLengthParameter(), ProviderApi.PAGE_LENGTH)
			.encode()
			.buildAndExpand(variables)
			.toUri();
	}

	/** The provider account in the user JSON; {@link ProviderCallException} when it names none. */
	ProviderAccount account(JsonNode user);

	/** The first page of the repositories the token can read. */
	URI repositoriesUri();

	/** The first page of a repository's branches. */
	URI branchesUri(RepoName repository);

	/** The items of one page of a listing, the page itself where it is an array; null when the answer has none. */
	default JsonNode items(JsonNode page) {
		return page;
	}

	/**
	 * Where the next page of a listing is, as the provider says in the page ({@code current}) or its headers (the
	 * {@code Link} header's {@code next}, unless the provider says otherwise); null on the last page.
	 */
	default String nextPage(URI current, JsonNode page, HttpHeaders headers) {
		return ProviderJson.nextLink(headers);
	}

	/** A repository in the provider's JSON; null for an item that names none. */
	Repo repository(JsonNode item);

	/** A branch in the provider's JSON; null for an item that names none. */
	Branch branch(JsonNode item);

	/**
	 * Whether an OAuth2 error code of the refresh grant says the refresh token is no longer good, so that the user
	 * must authorize again ({@code invalid_grant}, the standard's code, unless the provider has more); any other error
	 * leaves the connection as it is.
	 */
	default boolean refreshRejected(String oauthError) {
		return "invalid_grant".equals(oauthError);
	}

	/**
	 * Whether the provider's token endpoint takes a public client (no secret, PKCE instead), as GitLab's does for an
	 * application that is not confidential; GitHub's and Bitbucket's want the client secret in every exchange.
	 */
	default boolean takesPublicClients() {
		return false;
	}

	/** Whether a refresh names the redirect URI of the handshake again, as GitLab requires. */
	default boolean refreshSendsRedirectUri() {
		return false;
	}

	/**
	 * A provider's OAuth2 endpoints, the user-info attribute that names the account, the scopes the handshake asks
	 * for, and whether it sends a PKCE challenge.
	 */
	record Authorization(String authorizationUri, String tokenUri, String userInfoUri, String userNameAttribute,
			List<String> scopes, boolean pkce) {
	}

}
