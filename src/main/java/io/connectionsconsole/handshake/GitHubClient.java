package io.connectionsconsole.handshake;

import java.util.List;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.connection.Connection.ProviderAccount;
import io.connectionsconsole.connection.ProviderType;

/** GitHub's REST API: {@code GET /user} gives {@code login}, {@code name} and {@code html_url}. */
@Component
final class GitHubClient extends ProviderClient {

	/** GitHub's rule for user names, which the profile link is built from. */
	private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");

	GitHubClient(ProviderHttp http, ConsoleProperties properties) {
		super(http, properties.providers().github().apiUrl());
	}

	@Override
	ProviderType type() {
		return ProviderType.GITHUB;
	}

	@Override
	void addHeaders(HttpHeaders headers) {
		headers.setAccept(List.of(MediaType.parseMediaType("application/vnd.github+json")));
		headers.set("X-GitHub-Api-Version", "2022-11-28");
	}

	@Override
	ProviderAccount account(JsonNode user) {
		String login = text(user.path("login"));
		if (login == null || !LOGIN.matcher(login).matches()) {
			throw noAccount("GitHub login");
		}
		String name = text(user.path("name"));
		String url = webUrl(text(user.path("html_url")));
		return new ProviderAccount(login, shorten(name != null ? name : login), url != null ? url
				: UriComponentsBuilder.fromUriString("https://github.com/{login}").buildAndExpand(login).toUriString());
	}

}
