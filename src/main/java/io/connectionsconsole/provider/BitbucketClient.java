package io.connectionsconsole.provider;

import java.net.URI;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.connection.Connection.ProviderAccount;
import io.connectionsconsole.connection.ProviderType;

import static io.connectionsconsole.provider.ProviderJson.fullName;
import static io.connectionsconsole.provider.ProviderJson.noAccount;
import static io.connectionsconsole.provider.ProviderJson.shorten;
import static io.connectionsconsole.provider.ProviderJson.text;
import static io.connectionsconsole.provider.ProviderJson.time;
import static io.connectionsconsole.provider.ProviderJson.webUrl;

/**
 * Bitbucket Cloud's REST API: {@code GET /2.0/user} gives {@code username} (still there on this endpoint),
 * {@code nickname}, {@code display_name}, {@code uuid} and {@code links.html.href}; {@code GET /2.0/repositories}
 * and {@code GET /2.0/repositories/{workspace}/{repo}/refs/branches} list a page at a time, the items under
 * {@code values} and the next page's URL under {@code next}.
 */
@Component
record BitbucketClient(ConsoleProperties.Provider settings) implements ProviderClient {

	@Autowired
	BitbucketClient(ConsoleProperties properties) {
		this(properties.providers().bitbucket());
	}

	@Override
	public ProviderType type() {
		return ProviderType.BITBUCKET;
	}

	/** {@code account}: the user; {@code repository}: read access to the user's repositories. */
	@Override
	public Authorization authorization() {
		return new Authorization("https://bitbucket.org/site/oauth2/authorize",
				"https://bitbucket.org/site/oauth2/access_token", "https://api.bitbucket.org/2.0/user", "uuid",
				List.of("account", "repository"), settings.pkce());
	}

	@Override
	public String gitUser() {
		return "x-token-auth";
	}

	@Override
	public ProviderAccount account(JsonNode user) {
		String username = text(user.path("username"));
		String login = username != null ? username : text(user.path("nickname"));
		if (login == null || login.length() > ProviderJson.MAX_NAME_LENGTH) {
			throw noAccount("Bitbucket username or nickname");
		}
		String displayName = text(user.path("display_name"));
		String url = webUrl(text(user.path("links").path("html").path("href")));
		if (url == null) {
			// Without the provider's link, the profile is found by username, or else by the account's UUID.
			String key = username != null ? username : text(user.path("uuid"));
			url = key == null ? null
					: UriComponentsBuilder.fromUriString("https://bitbucket.org/{key}/").buildAndExpand(key).encode()
						.toUriString();
		}
		return new ProviderAccount(login, shorten(displayName != null ? displayName : login), url);
	}

	/** The repositories of every workspace the user is a member of. */
	@Override
	public URI repositoriesUri() {
		return firstPage(api().path("/repositories").queryParam("role", "member"));
	}

	@Override
	public URI branchesUri(RepoName repository) {
		return firstPage(api().path("/repositories/{workspace}/{repo}/refs/branches"), repository.owner(),
				repository.name());
	}

	@Override
	public String pageLengthParameter() {
		return "pagelen";
	}

	@Override
	public JsonNode items(JsonNode page) {
		return page.isObject() ? page.get("values") : null;
	}

	@Override
	public String nextPage(URI current, JsonNode page, HttpHeaders headers) {
		return text(page.path("next"));
	}

	@Override
	public Repo repository(JsonNode item) {
		String fullName = fullName(text(item.path("full_name")));
		return fullName == null ? null
				: new Repo(fullName, item.path("is_private").asBoolean(false),
						text(item.path("mainbranch").path("name")), webUrl(text(item.path("links").path("html").path("href"))),
						time(item.path("updated_on")));
	}

	@Override
	public Branch branch(JsonNode item) {
		String name = text(item.path("name"));
		return name == null ? null : new Branch(name, text(item.path("target").path("hash")));
	}

}
