package io.connectionsconsole.handshake;

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
 * {@code nickname}, {@code display_name}, {@code uuid} and {@code links.html.href}.
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

}
