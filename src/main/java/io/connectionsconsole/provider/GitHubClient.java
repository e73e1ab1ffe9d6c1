package io.connectionsconsole.provider;

import java.net.URI;
import java.util.List;

import javax.net.ssl.SSLContext;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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
 * GitHub's REST API: {@code GET /user} gives {@code login}, {@code name} and {@code html_url}; {@code GET /user/repos}
 * and {@code GET /repos/{owner}/{repo}/branches} list, a page at a time, with the next page in the {@code Link}
 * header.
 *
 * @param installation whether this reads as a GitHub App installation: its repositories are those it grants
 * @param sslContext the TLS trust of a GitHub Enterprise Server with a private certificate authority; null for the
 * JDK's
 */
@Component
record GitHubClient(ConsoleProperties.Provider settings, boolean installation, SSLContext sslContext)
		implements ProviderClient {

	/**
	 * GitHub's rule for user names, which the profile link is built from: letters, digits and hyphens, and for an
	 * Enterprise Managed User the underscore before the enterprise's short code ({@code mona-cat_octo}).
	 */
	private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]{0,99})");

	@Autowired
	GitHubClient(ConsoleProperties properties) {
		this(properties.providers().github(), false, null);
	}

	/** A GitHub Enterprise Server at {@code web}: its API under {@code /api/v3}, its OAuth pages under {@code /login}. */
	static GitHubClient enterpriseServer(URI web, SSLContext tls) {
		return new GitHubClient(ProviderClient.serverSettings(web, "/api/v3"), false, tls);
	}

	/**
	 * The same API as a GitHub App installation reads it, with an installation token: its repositories are
	 * {@code GET /installation/repositories} (the items under {@code repositories}), and a token check asks for the first
	 * of them, since an installation has no user.
	 */
	GitHubClient asInstallation() {
		return new GitHubClient(settings, true, sslContext);
	}

	@Override
	public ProviderType type() {
		return ProviderType.GITHUB;
	}

	/**
	 * {@code repo}: GitHub has no read-only scope for private repositories; {@code read:user}: the profile. The OAuth
	 * pages are under the web root ({@code https://github.com}), the user under the API.
	 */
	@Override
	public Authorization authorization() {
		return new Authorization(gitUrl() + "/login/oauth/authorize", gitUrl() + "/login/oauth/access_token",
				apiUrl() + "/user", "login", List.of("repo", "read:user"), settings.pkce());
	}

	@Override
	public String gitUser() {
		return "x-access-token";
	}

	@Override
	public void addHeaders(HttpHeaders headers) {
		headers.setAccept(List.of(MediaType.parseMediaType("application/vnd.github+json")));
		headers.set("X-GitHub-Api-Version", "2022-11-28");
	}

	@Override
	public ProviderAccount account(JsonNode user) {
		String login = text(user.path("login"));
		if (login == null || !LOGIN.matcher(login).matches()) {
			throw noAccount("GitHub login");
		}
		String name = text(user.path("name"));
		String url = webUrl(text(user.path("html_url")));
		return new ProviderAccount(login, shorten(name != null ? name : login), url != null ? url
				: UriComponentsBuilder.fromUri(gitUrl()).path("/{login}").buildAndExpand(login).toUriString());
	}

	@Override
	public URI tokenCheckUri() {
		return installation ? api().path("/installation/repositories").queryParam("per_page", 1).build().toUri()
				: ProviderClient.super.tokenCheckUri();
	}

	/**
	 * Every repository the user owns, collaborates on or reaches through an organization (GitHub's default), or those
	 * the installation grants.
	 */
	@Override
	public URI repositoriesUri() {
		return firstPage(api().path(installation ? "/installation/repositories" : "/user/repos"));
	}

	@Override
	public URI branchesUri(RepoName repository) {
		return firstPage(api().path("/repos/{owner}/{repo}/branches"), repository.owner(), repository.name());
	}

	@Override
	public JsonNode items(JsonNode page) {
		// The installation's repositories come in an object; branches, as everywhere, in an array.
		return installation && page.isObject() ? page.path("repositories") : page;
	}

	@Override
	public Repo repository(JsonNode item) {
		String fullName = fullName(text(item.path("full_name")));
		return fullName == null ? null
				: new Repo(fullName, item.path("private").asBoolean(false), text(item.path("default_branch")),
						webUrl(text(item.path("html_url"))), time(item.path("updated_at")));
	}

	@Override
	public Branch branch(JsonNode item) {
		String name = text(item.path("name"));
		return name == null ? null : new Branch(name, text(item.path("commit").path("sha")));
	}

	/** {@code bad_refresh_token} is GitHub's own code; {@code invalid_grant} the standard one. */
	@Override
	public boolean refreshRejected(String oauthError) {
		return "bad_refresh_token".equals(oauthError) || ProviderClient.super.refreshRejected(oauthError);
	}

}
