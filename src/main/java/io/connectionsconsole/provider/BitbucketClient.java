package io.connectionsconsole.provider;

import java.net.URI;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.connection.Connection.ProviderAccount;
import io.connectionsconsole.connection.ProviderType;

/**
 * Bitbucket Cloud's REST API: {@code GET /2.0/user} gives {@code username} (still there on this endpoint),
 * {@code nickname}, {@code display_name}, {@code uuid} and {@code links.html.href}; {@code GET /2.0/repositories}
 * and {@code GET /2.0/repositories/{workspace}/{repo}/refs/branches} list a page at a time, the items under
 * {@code values} and the next page's URL under {@code next}.
 */
@Component
final class BitbucketClient extends ProviderClient {

	BitbucketClient(ProviderHttp http, ConsoleProperties properties) {
		super(http, properties.providers().bitbucket().apiUrl());
	}

	@Override
	ProviderType type() {
		return ProviderType.BITBUCKET;
	}

	@Override
	void addHeaders(HttpHeaders headers) {
		headers.setAccept(List.of(MediaType.APPLICATION_JSON));
	}

	@Override
	ProviderAccount account(JsonNode user) {
		String username = text(user.path("username"));
		String login = username != null ? username : text(user.path("nickname"));
		if (login == null || login.length() > MAX_NAME_LENGTH) {
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
	URI repositoriesUri() {
		return api().path("/repositories")
			.queryParam("role", "member")
			.queryParam("pagelen", PAGE_LENGTH)
			.build()
			.toUri();
	}

	@Override
	URI branchesUri(RepoName repository) {
		return api().path("/repositories/{workspace}/{repo}/refs/branches")
			.queryParam("pagelen", PAGE_LENGTH)
			.buildAndExpand(repository.owner(), repository.name())
			.encode()
			.toUri();
	}

	@Override
	JsonNode items(JsonNode page) {
		return page.isObject() ? page.get("values") : null;
	}

	@Override
	String nextPage(ApiAnswer answer) {
		return text(answer.body().path("next"));
	}

	@Override
	Repo repository(JsonNode item) {
		String fullName = fullName(text(item.path("full_name")));
		return fullName == null ? null
				: new Repo(fullName, item.path("is_private").asBoolean(false),
						text(item.path("mainbranch").path("name")), webUrl(text(item.path("links").path("html").path("href"))),
						time(item.path("updated_on")));
	}

	@Override
	Branch branch(JsonNode item) {
		String name = text(item.path("name"));
		return name == null ? null : new Branch(name, text(item.path("target").path("hash")));
	}

}
