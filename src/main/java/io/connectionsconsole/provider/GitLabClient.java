package io.connectionsconsole.provider;

import java.net.URI;
import java.util.List;

import javax.net.ssl.SSLContext;

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
 * GitLab's REST API (v4): {@code GET /user} gives {@code username}, {@code name} and {@code web_url};
 * {@code GET /projects?membership=true} and {@code GET /projects/{id}/repository/branches} (the id may be the
 * project's path, URL-encoded) list a page at a time, with the next page in the {@code Link} header and its number in
 * {@code X-Next-Page}. Access tokens last two hours; each refresh names the handshake's redirect URI again and rotates
 * the refresh token. Git takes the token as the password of the user {@code oauth2}.
 *
 * @param sslContext the TLS trust of a GitLab self-managed with a private certificate authority; null for the JDK's
 */
@Component
record GitLabClient(ConsoleProperties.Provider settings, SSLContext sslContext) implements ProviderClient {

	@Autowired
	GitLabClient(ConsoleProperties properties) {
		this(properties.providers().gitlab(), null);
	}

	/** A GitLab self-managed at {@code web} (which may have a path): its API under {@code /api/v4}. */
	static GitLabClient selfManaged(URI web, SSLContext tls) {
		return new GitLabClient(ProviderClient.serverSettings(web, "/api/v4"), tls);
	}

	@Override
	public ProviderType type() {
		return ProviderType.GITLAB;
	}

	/**
	 * {@code read_user}: the user; {@code read_api}: the projects and their branches; {@code read_repository}: Git
	 * reads of them. The OAuth endpoints are under the web root ({@code https://gitlab.com}), the user under the API.
	 */
	@Override
	public Authorization authorization() {
		return new Authorization(gitUrl() + "/oauth/authorize", gitUrl() + "/oauth/token", apiUrl() + "/user",
				"username", List.of("read_api", "read_repository", "read_user"), settings.pkce());
	}

	@Override
	public String gitUser() {
		return "oauth2";
	}

	@Override
	public ProviderAccount account(JsonNode user) {
		String login = text(user.path("username"));
		if (login == null || login.length() > ProviderJson.MAX_NAME_LENGTH) {
			throw noAccount("GitLab username");
		}
		String name = text(user.path("name"));
		String url = webUrl(text(user.path("web_url")));
		return new ProviderAccount(login, shorten(name != null ? name : login),
				url != null ? url : UriComponentsBuilder.fromUri(gitUrl()).path("/{login}").buildAndExpand(login)
					.encode()
					.toUriString());
	}

	/** The projects the user is a member of, most recently active first. */
	@Override
	public URI repositoriesUri() {
		return firstPage(
				api().path("/projects").queryParam("membership", true).queryParam("order_by", "last_activity_at"));
	}

	/** The project's path, slashes and all, is one segment of the URL. */
	@Override
	public URI branchesUri(RepoName repository) {
		return firstPage(api().path("/projects/{id}/repository/branches"), repository.fullName());
	}

	/** The {@code Link} header's next page; without one, the page {@code X-Next-Page} names, of the same listing. */
	@Override
	public String nextPage(URI current, JsonNode page, HttpHeaders headers) {
		String link = ProviderJson.nextLink(headers);
		if (link != null) {
			return link;
		}
		String number = headers.getFirst("X-Next-Page");
		if (number == null || !number.matches("[1-9][0-9]{0,8}")) {
			return null;
		}
		return UriComponentsBuilder.fromUri(current).replaceQueryParam("page", number).build(true).toUriString();
	}

	/** {@code private} and {@code internal} projects (seen by signed-in users only) are private to the console. */
	@Override
	public Repo repository(JsonNode item) {
		String fullName = fullName(text(item.path("path_with_namespace")));
		return fullName == null ? null
				: new Repo(fullName, !"public".equals(text(item.path("visibility"))), text(item.path("default_branch")),
						webUrl(text(item.path("web_url"))), time(item.path("last_activity_at")));
	}

	@Override
	public Branch branch(JsonNode item) {
		String name = text(item.path("name"));
		return name == null ? null : new Branch(name, text(item.path("commit").path("id")));
	}

	@Override
	public boolean takesPublicClients() {
		return true;
	}

	@Override
	public boolean refreshSendsRedirectUri() {
		return true;
	}

}
