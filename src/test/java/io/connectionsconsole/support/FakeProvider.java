package io.connectionsconsole.support;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * GitHub, Bitbucket Cloud or GitLab as the console meets them, played inside WireMock: an authorize page with
 * Authorize and Cancel links back to the callback, a token endpoint, the user endpoint, and the listings of
 * repositories and branches, paged as each provider pages them. It keeps the
 * state the real ones keep: one-time codes bound to their redirect URI and (GitHub) PKCE challenge, issued
 * tokens, revocations, Bitbucket's two-hour expiry and rotating refresh tokens. Failures are switched on per
 * test and cleared by {@link FakeProviders#reset()}.
 *
 * <p>It answers as docs/provider-setup.md ("How the providers answer") says the providers do: GitHub answers token
 * errors with HTTP 200, form-encoded unless asked for JSON; its tokens carry no {@code expires_in}; a revoked token
 * gets 401 "Bad credentials". Bitbucket wants HTTP Basic client credentials and a form body, answers 400
 * {@code invalid_grant} for a bad code or refresh token, and 401 "Access token expired" once a token is two hours old.
 * GitLab checks PKCE, wants the redirect URI of the code again at each refresh, rotates refresh tokens, expires access
 * tokens after two hours with 401 {@code invalid_token}, and pages with {@code Link} and {@code X-Next-Page}.
 */
public final class FakeProvider implements ResponseDefinitionTransformerV2 {

	public enum Kind {

		GITHUB("/github", "/login/oauth/authorize", "/login/oauth/access_token", "/api", "/user"),
		BITBUCKET("/bitbucket", "/site/oauth2/authorize", "/site/oauth2/access_token", "/api/2.0", "/user"),
		GITLAB("/gitlab", "/oauth/authorize", "/oauth/token", "/api/v4", "/user");

		/** Where the cloud provider is played on the fake's server. */
		final String prefix;

		final String authorize;

		final String token;

		final String api;

		final String user;

		Kind(String prefix, String authorize, String token, String api, String user) {
			this.prefix = prefix;
			this.authorize = authorize;
			this.token = token;
			this.api = api;
			this.user = user;
		}

	}

	static final int BITBUCKET_EXPIRES_IN = 7200;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Kind kind;

	private final String prefix;

	private final String authorizePath;

	private final String tokenPath;

	private final String apiPath;

	private final String userPath;

	private final String clientId;

	private final String clientSecret;

	private WireMockServer server;

	private final Map<String, Grant> codes = new ConcurrentHashMap<>();

	private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();

	private final Map<String, Boolean> refreshTokens = new ConcurrentHashMap<>();

	/** GitLab: the redirect URI of the code each refresh token descends from, which its refresh must name again. */
	private final Map<String, String> refreshRedirects = new ConcurrentHashMap<>();

	/** GitLab: whether listings leave out the {@code Link} header, so that only {@code X-Next-Page} says what is next. */
	private volatile boolean nextPageHeaderOnly;

	private final List<Map<String, String>> authorizeRequests = new CopyOnWriteArrayList<>();

	private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();

	private volatile String login;

	private volatile String displayName;

	/** The repositories every token can read, by full name, in the order the provider lists them. */
	private final Map<String, Boolean> repositories = new LinkedHashMap<>();

	private final Map<String, List<String>> branches = new ConcurrentHashMap<>();

	/** The API requests the fake answered, path and query, oldest first. */
	private final List<String> apiRequests = new CopyOnWriteArrayList<>();

	/** The listing requests answered 304 Not Modified, path and query, oldest first. */
	private final List<String> notModified = new CopyOnWriteArrayList<>();

	FakeProvider(Kind kind, String clientId, String clientSecret) {
		this(kind, kind.prefix, kind.api, clientId, clientSecret);
	}

	/**
	 * A server of the {@code kind} played under {@code prefix}, its API at {@code api} under it: a team's own server,
	 * such as a GitLab self-managed at {@code /selfmanaged} or a GitHub Enterprise Server at {@code /enterprise} with
	 * its API at {@code /api/v3}.
	 */
	public FakeProvider(Kind kind, String prefix, String api, String clientId, String clientSecret) {
		this.kind = kind;
		this.prefix = prefix;
		this.authorizePath = prefix + kind.authorize;
		this.tokenPath = prefix + kind.token;
		this.apiPath = prefix + api;
		this.userPath = prefix + api + kind.user;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		resetState();
	}

	void attach(WireMockServer server) {
		this.server = server;
	}

	void stubDefaults() {
		server.stubFor(any(urlPathMatching(prefix + "/.*")).atPriority(10)
			.willReturn(aResponse().withTransformers(getName())));
	}

	void resetState() {
		codes.clear();
		accessTokens.clear();
		refreshTokens.clear();
		refreshRedirects.clear();
		nextPageHeaderOnly = false;
		authorizeRequests.clear();
		tokenRequests.clear();
		synchronized (repositories) {
			repositories.clear();
		}
		branches.clear();
		apiRequests.clear();
		notModified.clear();
		login = switch (kind) {
			case GITHUB -> "octo-fake";
			case BITBUCKET -> "bucket-fake";
			case GITLAB -> "lab-fake";
		};
		displayName = switch (kind) {
			case GITHUB -> "Octo Fake";
			case BITBUCKET -> "Bucket Fake";
			case GITLAB -> "Lab Fake";
		};
	}

	@Override
	public String getName() {
		return "fake" + prefix.replace('/', '-');
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	// ---- what tests read and switch on

	public String authorizationUri(String baseUrl) {
		return baseUrl + authorizePath;
	}

	public String tokenUri(String baseUrl) {
		return baseUrl + tokenPath;
	}

	public String userInfoUri(String baseUrl) {
		return baseUrl + userPath;
	}

	public String apiUrl(String baseUrl) {
		return baseUrl + apiPath;
	}

	public String login() {
		return login;
	}

	public String displayName() {
		return displayName;
	}

	/** The user the next tokens belong to. */
	public void user(String login, String displayName) {
		this.login = login;
		this.displayName = displayName;
	}

	/** The query parameters of the authorize requests, oldest first. */
	public List<Map<String, String>> authorizeRequests() {
		return List.copyOf(authorizeRequests);
	}

	/** The form parameters of the token requests, oldest first. */
	public List<Map<String, String>> tokenRequests() {
		return List.copyOf(tokenRequests);
	}

	public List<String> issuedAccessTokens() {
		return new ArrayList<>(accessTokens.keySet());
	}

	public List<String> issuedRefreshTokens() {
		return new ArrayList<>(refreshTokens.keySet());
	}

	public boolean refreshTokenActive(String refreshToken) {
		return refreshTokens.getOrDefault(refreshToken, false);
	}

	/** The repositories every token can read, each {@code owner/name}, private when {@code privateOnes} says so. */
	public void repositories(List<String> fullNames, boolean privateOnes) {
		synchronized (repositories) {
			repositories.clear();
			fullNames.forEach((name) -> repositories.put(name, privateOnes));
		}
	}

	public void branches(String fullName, List<String> names) {
		branches.put(fullName, List.copyOf(names));
	}

	/** The API requests answered (beyond the user endpoint), as path and query, oldest first. */
	public List<String> apiRequests() {
		return List.copyOf(apiRequests);
	}

	/** The listing requests answered 304 Not Modified (GitHub, to an {@code If-None-Match} with the page's ETag). */
	public List<String> notModifiedAnswers() {
		return List.copyOf(notModified);
	}

	/** The repositories endpoint answers this, whatever is asked. */
	public void repositoriesEndpointAnswers(ResponseDefinitionBuilder answer) {
		server.stubFor(any(urlPathEqualTo(repositoriesPath())).atPriority(1).willReturn(answer));
	}

	private String repositoriesPath() {
		return apiPath + switch (kind) {
			case GITHUB -> "/user/repos";
			case BITBUCKET -> "/repositories";
			case GITLAB -> "/projects";
		};
	}

	/** GitLab's listings from now on carry their next page in {@code X-Next-Page} only, without a {@code Link}. */
	public void nextPageInHeaderOnly() {
		nextPageHeaderOnly = true;
	}

	/** The user revokes the console's access at the provider: every token gets 401 from now on. */
	public void revokeAll() {
		accessTokens.replaceAll((token, access) -> access.revoke());
		refreshTokens.replaceAll((token, active) -> false);
	}

	/** Two hours pass at the provider: every access token is expired (refresh tokens still work). */
	public void expireAccessTokens() {
		accessTokens.replaceAll((token, access) -> access.expire());
	}

	/** The token endpoint answers this, whatever is asked. */
	public void tokenEndpointAnswers(ResponseDefinitionBuilder answer) {
		server.stubFor(any(urlPathEqualTo(tokenPath)).atPriority(1).willReturn(answer));
	}

	/** The user endpoint (of the handshake and of the checks) answers this, whatever is asked. */
	public void userEndpointAnswers(ResponseDefinitionBuilder answer) {
		server.stubFor(any(urlPathEqualTo(userPath)).atPriority(1).willReturn(answer));
	}

	/** How many requests the user endpoint has received, those still waiting for their answer included. */
	public int userEndpointRequests() {
		return server.findAll(anyRequestedFor(urlPathEqualTo(userPath))).size();
	}

	/** When the user endpoint received its first request; null before it has received one. */
	public Instant firstUserEndpointRequestAt() {
		return server.findAll(anyRequestedFor(urlPathEqualTo(userPath)))
			.stream()
			.map((request) -> request.getLoggedDate().toInstant())
			.min(Instant::compareTo)
			.orElse(null);
	}

	/** How many requests the repositories endpoint has received, those answered by a stub included. */
	public int repositoriesEndpointRequests() {
		return server.findAll(anyRequestedFor(urlPathEqualTo(repositoriesPath()))).size();
	}

	/** How many requests the token endpoint has received, those still waiting for their answer included. */
	public int tokenEndpointRequests() {
		return server.findAll(anyRequestedFor(urlPathEqualTo(tokenPath))).size();
	}

	/** Every endpoint drops the connection. */
	public void goDown() {
		server.stubFor(any(urlPathMatching(prefix + "/.*")).atPriority(1)
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
	}

	// ---- the provider

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Request request = serveEvent.getRequest();
		String path = request.getUrl().split("\\?", 2)[0];
		if (path.equals(authorizePath)) {
			return authorize(query(request.getUrl()));
		}
		if (path.equals(tokenPath)) {
			return token(request);
		}
		if (path.equals(userPath)) {
			return user(request);
		}
		if (kind == Kind.GITLAB && path.equals(apiPath + "/version")) {
			return accepted(request) != null ? json(200, "{\"version\":\"17.6.1-ee\",\"revision\":\"4b3c2d1\"}")
					: json(401, "{\"message\":\"401 Unauthorized\"}");
		}
		if (kind == Kind.GITHUB && path.equals(apiPath + "/meta")) {
			// Only an Enterprise Server says which version it runs.
			return json(200, prefix.equals(Kind.GITHUB.prefix) ? "{\"verifiable_password_authentication\":true}"
					: "{\"verifiable_password_authentication\":true,\"installed_version\":\"3.14.2\"}");
		}
		if (path.equals(repositoriesPath())) {
			return listing(request, repositoryNames(), true);
		}
		Matcher branchPath = branchesPath().matcher(path);
		if (branchPath.matches()) {
			List<String> names = branches.get(kind == Kind.GITLAB ? decode(branchPath.group(1))
					: branchPath.group(1) + "/" + branchPath.group(2));
			return names == null ? notFound() : listing(request, names, false);
		}
		return aResponse().withStatus(404).withBody("Not Found").build();
	}

	private ResponseDefinition authorize(Map<String, String> query) {
		authorizeRequests.add(query);
		String redirectUri = query.get("redirect_uri");
		String state = query.get("state");
		if (!clientId.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))
				|| redirectUri == null) {
			return html(400, "<h1>Invalid authorization request</h1>");
		}
		String code = random(20);
		codes.put(code, new Grant(redirectUri, query.get("code_challenge"), query.get("code_challenge_method")));
		String authorize = redirectUri + "?code=" + code + (state == null ? "" : "&state=" + encode(state));
		String cancel = redirectUri + "?error=access_denied&error_description="
				+ encode("The user has denied your application access.") + (state == null ? "" : "&state=" + encode(state));
		return html(200, """
				<h1>Authorize Connections Console</h1>
				<p>Connections Console wants to access the %s account <strong>%s</strong> (%s).</p>
				<p><a id="authorize" href="%s">Authorize</a> <a id="cancel" href="%s">Cancel</a></p>
				""".formatted(switch (kind) {
					case GITHUB -> "GitHub";
					case BITBUCKET -> "Bitbucket";
					case GITLAB -> "GitLab";
				}, login, escape(query.get("scope")),
				escape(authorize), escape(cancel)));
	}

	private ResponseDefinition token(Request request) {
		String contentType = request.getHeader("Content-Type");
		Map<String, String> form = contentType != null && contentType.startsWith("application/x-www-form-urlencoded")
				? query("?" + request.getBodyAsString()) : Map.of();
		tokenRequests.add(form);
		if (kind == Kind.BITBUCKET && form.isEmpty()) {
			return oauthError(400, "invalid_request", "Unsupported grant type: None");
		}
		String[] client = clientCredentials(request, form);
		if (client == null && kind == Kind.BITBUCKET) {
			return oauthError(400, "unauthorized_client", "Requests must be authenticated using OAuth client credentials");
		}
		if (client == null || !clientId.equals(client[0]) || !clientSecret.equals(client[1])) {
			return kind == Kind.GITHUB
					? oauthError(200, "incorrect_client_credentials",
							"The client_id and/or client_secret passed are incorrect.")
					: oauthError(401, "invalid_client", "Invalid OAuth client credentials");
		}
		if ("refresh_token".equals(form.get("grant_type"))) {
			return refresh(form);
		}
		Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
		if (grant == null) {
			return badCode("The code passed is incorrect or expired.");
		}
		if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
			return kind == Kind.GITHUB
					? oauthError(200, "redirect_uri_mismatch", "The redirect_uri MUST match the registered callback URL.")
					: oauthError(400, "invalid_grant", "redirect_uri does not match");
		}
		// GitHub and GitLab check PKCE; Bitbucket Cloud doesn't document it, so the fake ignores it there.
		if (kind != Kind.BITBUCKET && grant.codeChallenge() != null
				&& !("S256".equals(grant.challengeMethod()) && grant.codeChallenge().equals(s256(form.get("code_verifier"))))) {
			return badCode("The code_verifier does not match the code_challenge.");
		}
		return issue(request, grant.redirectUri());
	}

	private ResponseDefinition refresh(Map<String, String> form) {
		String used = form.get("refresh_token");
		String redirectUri = used == null ? null : refreshRedirects.get(used);
		if (kind == Kind.GITLAB && used != null && redirectUri != null && !redirectUri.equals(form.get("redirect_uri"))) {
			return oauthError(400, "invalid_grant", "The provided authorization grant is invalid, expired, revoked, "
					+ "does not match the redirection URI used in the authorization request, or was issued to another client.");
		}
		if (used == null || !refreshTokens.replace(used, true, false)) {
			return oauthError(400, "invalid_grant", "Invalid refresh_token");
		}
		return issue(null, redirectUri);
	}

	private ResponseDefinition issue(Request request, String redirectUri) {
		if (kind == Kind.GITHUB) {
			String token = "gho_" + random(27);
			accessTokens.put(token, new AccessToken(login, displayName, null, false));
			boolean json = request != null && request.getHeader("Accept") != null
					&& request.getHeader("Accept").contains("application/json");
			return json ? json(200, "{\"access_token\":\"%s\",\"token_type\":\"bearer\",\"scope\":\"repo,read:user\"}"
				.formatted(token))
					: aResponse().withStatus(200)
						.withHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
						.withBody("access_token=" + token + "&scope=repo%2Cread%3Auser&token_type=bearer")
						.build();
		}
		String token = random(60) + "=";
		String refreshToken = random(24);
		accessTokens.put(token, new AccessToken(login, displayName, Instant.now().plusSeconds(BITBUCKET_EXPIRES_IN),
				false));
		refreshTokens.put(refreshToken, true);
		if (kind == Kind.GITLAB) {
			refreshRedirects.put(refreshToken, redirectUri);
			return json(200, """
					{"access_token":"%s","token_type":"Bearer","expires_in":%d,"refresh_token":"%s",\
					"scope":"read_api read_repository read_user","created_at":%d}""".formatted(token,
					BITBUCKET_EXPIRES_IN, refreshToken, Instant.now().getEpochSecond()));
		}
		return json(200, """
				{"access_token":"%s","scopes":"account repository","expires_in":%d,"refresh_token":"%s",\
				"token_type":"bearer","state":"authorization_code"}""".formatted(token, BITBUCKET_EXPIRES_IN, refreshToken));
	}

	private ResponseDefinition user(Request request) {
		String authorization = request.getHeader("Authorization");
		String token = authorization == null ? null : authorization.replaceFirst("^(?i)(bearer|token) ", "");
		AccessToken access = token == null ? null : accessTokens.get(token);
		if (kind == Kind.GITHUB) {
			if (access == null || access.revoked()) {
				return json(401, "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\","
						+ "\"status\":\"401\"}");
			}
			return aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json; charset=utf-8")
				.withHeader("X-OAuth-Scopes", "repo, read:user")
				.withHeader("X-RateLimit-Remaining", "4999")
				.withBody("""
						{"login":"%s","id":583231,"name":"%s","html_url":"https://github.com/%s","type":"User"}"""
					.formatted(access.login(), access.displayName(), access.login()))
				.build();
		}
		if (kind == Kind.GITLAB) {
			if (!accepts(token)) {
				return rejected();
			}
			return json(200, """
					{"id":4711,"username":"%s","name":"%s","state":"active","web_url":"https://gitlab.com/%s"}"""
				.formatted(access.login(), access.displayName(), access.login()));
		}
		if (access == null || access.revoked()) {
			return json(401, "{\"type\":\"error\",\"error\":{\"message\":\"Access token expired or revoked.\"}}");
		}
		if (access.expiresAt() != null && access.expiresAt().isBefore(Instant.now())) {
			return json(401, "{\"type\":\"error\",\"error\":{\"message\":\"Access token expired. Use your refresh "
					+ "token to obtain a new access token.\"}}");
		}
		return json(200, """
				{"type":"user","username":"%s","nickname":"%s","display_name":"%s","account_id":"5b10a2844c20165700ede21g",\
				"uuid":"{d301aafa-d676-4ee0-88be-962be7417567}","links":{"html":{"href":"https://bitbucket.org/%s/"},\
				"avatar":{"href":"https://bitbucket.org/account/%s/avatar/"}}}"""
			.formatted(access.login(), access.login(), access.displayName(), access.login(), access.login()));
	}

	private List<String> repositoryNames() {
		synchronized (repositories) {
			return new ArrayList<>(repositories.keySet());
		}
	}

	private Pattern branchesPath() {
		return Pattern.compile(Pattern.quote(apiPath) + switch (kind) {
			case GITHUB -> "/repos/([^/]+)/([^/]+)/branches";
			case BITBUCKET -> "/repositories/([^/]+)/([^/]+)/refs/branches";
			case GITLAB -> "/projects/([^/]+)/repository/branches";
		});
	}

	/** The token of a request when the provider accepts it; else null, and {@link #rejected()} answers. */
	private AccessToken accepted(Request request) {
		String authorization = request.getHeader("Authorization");
		String token = authorization == null ? null : authorization.replaceFirst("^(?i)(bearer|token) ", "");
		return accepts(token) ? accessTokens.get(token) : null;
	}

	/** Whether the provider takes this access token now: issued by it, neither revoked nor expired. */
	public boolean accepts(String token) {
		AccessToken access = token == null ? null : accessTokens.get(token);
		return access != null && !access.revoked()
				&& (access.expiresAt() == null || !access.expiresAt().isBefore(Instant.now()));
	}

	private ResponseDefinition rejected() {
		return switch (kind) {
			case GITHUB -> json(401, "{\"message\":\"Bad credentials\",\"status\":\"401\"}");
			case BITBUCKET -> json(401, "{\"type\":\"error\",\"error\":{\"message\":\"Access token expired or revoked.\"}}");
			case GITLAB -> json(401, "{\"error\":\"invalid_token\",\"error_description\":\"Token is expired. You can "
					+ "either do re-authorization or token refresh.\"}");
		};
	}

	private ResponseDefinition notFound() {
		return switch (kind) {
			case GITHUB -> json(404, "{\"message\":\"Not Found\",\"status\":\"404\"}");
			case BITBUCKET -> json(404, "{\"type\":\"error\",\"error\":{\"message\":\"Repository not found\"}}");
			case GITLAB -> json(404, "{\"message\":\"404 Project Not Found\"}");
		};
	}

	/**
	 * One page of a listing as each provider pages it: GitHub takes {@code per_page} and {@code page} and puts the
	 * next page in a {@code Link} header; Bitbucket takes {@code pagelen} and {@code page} and puts the next page's URL
	 * under {@code next}, beside {@code values}.
	 */
	private ResponseDefinition listing(Request request, List<String> names, boolean ofRepositories) {
		apiRequests.add(request.getUrl());
		if (accepted(request) == null) {
			return rejected();
		}
		Map<String, String> query = query(request.getUrl());
		int size = Integer.parseInt(query.getOrDefault(kind == Kind.BITBUCKET ? "pagelen" : "per_page", kind == Kind.GITLAB ? "20" : "30"));
		int page = Integer.parseInt(query.getOrDefault("page", "1"));
		int from = Math.min(names.size(), (page - 1) * size);
		int to = Math.min(names.size(), page * size);
		List<String> items = new ArrayList<>();
		for (String name : names.subList(from, to)) {
			items.add(ofRepositories ? repositoryJson(name) : branchJson(name));
		}
		String next = null;
		if (to < names.size()) {
			String path = request.getUrl().split("\\?", 2)[0];
			Map<String, String> nextQuery = new LinkedHashMap<>(query);
			nextQuery.put("page", String.valueOf(page + 1));
			StringBuilder url = new StringBuilder(request.getAbsoluteUrl().split("\\?", 2)[0].replace(path, "") + path)
				.append('?');
			nextQuery.forEach((key, value) -> url.append(encode(key)).append('=').append(encode(value)).append('&'));
			next = url.substring(0, url.length() - 1);
		}
		if (kind == Kind.GITLAB) {
			ResponseDefinitionBuilder answer = aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withHeader("X-Page", String.valueOf(page))
				.withHeader("X-Per-Page", String.valueOf(size))
				.withHeader("X-Total", String.valueOf(names.size()))
				.withHeader("X-Next-Page", next == null ? "" : String.valueOf(page + 1))
				.withBody("[" + String.join(",", items) + "]");
			if (next != null && !nextPageHeaderOnly) {
				answer.withHeader("Link", "<" + next + ">; rel=\"next\"");
			}
			return answer.build();
		}
		if (kind == Kind.GITHUB) {
			String body = "[" + String.join(",", items) + "]";
			// GitHub's ETag names the page's content; asked with it again, an unchanged page is a 304 without a body.
			String etag = "W/\"" + sha1(body + next) + "\"";
			if (etag.equals(request.getHeader("If-None-Match"))) {
				notModified.add(request.getUrl());
				return aResponse().withStatus(304).withHeader("ETag", etag).build();
			}
			ResponseDefinitionBuilder answer = aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json; charset=utf-8")
				.withHeader("ETag", etag)
				.withBody(body);
			if (next != null) {
				answer.withHeader("Link", "<" + next + ">; rel=\"next\", <" + next.replaceFirst("page=\\d+",
						"page=" + ((names.size() + size - 1) / size)) + ">; rel=\"last\"");
			}
			return answer.build();
		}
		return json(200, "{\"pagelen\":%d,\"size\":%d,\"page\":%d,\"values\":[%s]%s}".formatted(size, names.size(), page,
				String.join(",", items), next == null ? "" : ",\"next\":\"" + next + "\""));
	}

	private String repositoryJson(String fullName) {
		boolean isPrivate;
		synchronized (repositories) {
			isPrivate = repositories.getOrDefault(fullName, false);
		}
		if (kind == Kind.GITHUB) {
			return """
					{"id":1,"name":"%s","full_name":"%s","owner":{"login":"%s"},"private":%s,\
					"html_url":"https://github.com/%s","default_branch":"main","updated_at":"2026-01-15T10:00:00Z"}"""
				.formatted(fullName.split("/")[1], fullName, fullName.split("/")[0], isPrivate, fullName);
		}
		if (kind == Kind.GITLAB) {
			String name = fullName.substring(fullName.lastIndexOf('/') + 1);
			return """
					{"id":%d,"name":"%s","path":"%s","path_with_namespace":"%s","visibility":"%s",\
					"default_branch":"trunk","web_url":"https://gitlab.com/%s","last_activity_at":"2026-01-15T10:00:00.000Z"}"""
				.formatted(Math.abs(fullName.hashCode()), name, name, fullName, isPrivate ? "private" : "public", fullName);
		}
		return """
				{"type":"repository","full_name":"%s","name":"%s","slug":"%s","is_private":%s,\
				"mainbranch":{"type":"branch","name":"develop"},"links":{"html":{"href":"https://bitbucket.org/%s"}},\
				"updated_on":"2026-01-15T10:00:00.000000+00:00","workspace":{"slug":"%s"}}"""
			.formatted(fullName, fullName.split("/")[1], fullName.split("/")[1], isPrivate, fullName,
					fullName.split("/")[0]);
	}

	private static String sha1(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String branchJson(String name) {
		String sha = sha1(name);
		return switch (kind) {
			case GITHUB -> "{\"name\":\"%s\",\"commit\":{\"sha\":\"%s\"},\"protected\":false}".formatted(name, sha);
			case BITBUCKET -> "{\"type\":\"branch\",\"name\":\"%s\",\"target\":{\"hash\":\"%s\"}}".formatted(name, sha);
			case GITLAB -> "{\"name\":\"%s\",\"commit\":{\"id\":\"%s\"},\"protected\":false,\"default\":false}"
				.formatted(name, sha);
		};
	}

	private ResponseDefinition badCode(String description) {
		return kind == Kind.GITHUB ? oauthError(200, "bad_verification_code", description)
				: oauthError(400, "invalid_grant", description);
	}

	private static String[] clientCredentials(Request request, Map<String, String> form) {
		String authorization = request.getHeader("Authorization");
		if (authorization != null && authorization.startsWith("Basic ")) {
			String[] pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8)
				.split(":", 2);
			// RFC 6749 2.3.1: client id and secret are form-encoded before Basic encoding, as Spring Security does.
			return pair.length == 2 ? new String[] { decode(pair[0]), decode(pair[1]) } : null;
		}
		if (form.containsKey("client_id") && form.containsKey("client_secret")) {
			return new String[] { form.get("client_id"), form.get("client_secret") };
		}
		return null;
	}

	private static ResponseDefinition oauthError(int status, String error, String description) {
		return json(status, "{\"error\":\"%s\",\"error_description\":\"%s\",\"error_uri\":\"https://docs.example/%s\"}"
			.formatted(error, description, error));
	}

	private static ResponseDefinition json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
			.withBody(body)
			.build();
	}

	private static ResponseDefinition html(int status, String body) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "text/html; charset=utf-8")
			.withBody("<!DOCTYPE html><html lang=\"en\"><head><title>Authorize application</title></head><body>" + body
					+ "</body></html>")
			.build();
	}

	static Map<String, String> query(String url) {
		Map<String, String> parameters = new LinkedHashMap<>();
		int start = url.indexOf('?');
		if (start < 0) {
			return parameters;
		}
		for (String pair : url.substring(start + 1).split("&")) {
			if (!pair.isEmpty()) {
				int eq = pair.indexOf('=');
				parameters.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
			}
		}
		return parameters;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String escape(String value) {
		return value == null ? "" : value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
	}

	private static String random(int bytes) {
		byte[] value = new byte[bytes];
		RANDOM.nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

	private static String s256(String verifier) {
		if (verifier == null) {
			return null;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Grant(String redirectUri, String codeChallenge, String challengeMethod) {
	}

	private record AccessToken(String login, String displayName, Instant expiresAt, boolean revoked) {

		AccessToken revoke() {
			return new AccessToken(login, displayName, expiresAt, true);
		}

		AccessToken expire() {
			return new AccessToken(login, displayName, Instant.now().minusSeconds(1), revoked);
		}

	}

}
