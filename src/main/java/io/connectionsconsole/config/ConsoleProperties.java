package io.connectionsconsole.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Everything under {@code console.*}, validated at start; docs/configuration.md describes each property. */
@Validated
@ConfigurationProperties("console")
public record ConsoleProperties(
		@Valid @NotNull @DefaultValue Admin admin,
		@Valid @NotNull @DefaultValue Quota quota,
		String tokenKey,
		@DefaultValue("false") boolean tokenKeyReplaced,
		@NotNull @DefaultValue("./data") Path dataDir,
		@NotEmpty @DefaultValue({ "us-east-1=US East (N. Virginia)", "us-east-2=US East (Ohio)",
				"us-west-2=US West (Oregon)", "ap-south-1=Asia Pacific (Mumbai)",
				"ap-southeast-1=Asia Pacific (Singapore)", "ap-southeast-2=Asia Pacific (Sydney)",
				"ap-northeast-1=Asia Pacific (Tokyo)", "eu-central-1=Europe (Frankfurt)",
				"eu-west-1=Europe (Ireland)", "eu-west-2=Europe (London)", "eu-west-3=Europe (Paris)" }) List<String> regions,
		@NotNull @DefaultValue("us-east-1") String defaultRegion,
		@Valid @NotNull @DefaultValue Check check,
		@Valid @NotNull @DefaultValue Providers providers,
		@Valid @NotNull @DefaultValue RequestBody requestBody,
		@Valid @NotNull @DefaultValue Pages pages,
		@Valid @NotNull @DefaultValue SignIn signIn,
		@Valid @NotNull @DefaultValue Hosts hosts,
		@Valid @NotNull @DefaultValue Git git,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("PT30S") Duration writeTimeout) {

	public record Admin(@NotNull @DefaultValue("admin") String username, String password,
			@NotNull @Pattern(regexp = "\\d{12}", message = "must be 12 digits") @DefaultValue("123456789012") String accountId,
			String accessKeyId, String secretAccessKey) {
	}

	/**
	 * The team's own Git servers: whether a host's URL may resolve to a loopback, link-local or metadata address (a
	 * server on this machine or the cloud's instance metadata), which is refused unless allowed here.
	 */
	public record Hosts(@DefaultValue("false") boolean allowPrivateNetworks) {
	}

	public record Quota(@Min(0) @DefaultValue("10") int connectionsPerRegion) {
	}

	/**
	 * Git over HTTPS through the console: how many requests an instance relays at once. Each holds buffers and a
	 * connection to the provider for as long as its pack streams; one more is refused with a line git prints, so that
	 * a burst of clones can't take the memory and the database the pages need.
	 */
	public record Git(@Min(1) @DefaultValue("32") int maxConcurrent) {
	}

	/**
	 * The periodic check of available connections against their provider: once per {@code interval} across all
	 * console instances on the database, the first time {@code initialDelay} after an instance starts.
	 */
	public record Check(@NotNull @DefaultValue("PT1H") Duration interval, @DefaultValue("true") boolean enabled,
			@NotNull @DefaultValue("PT1M") Duration initialDelay) {

		public Check {
			atLeast(interval, Duration.ofSeconds(1), "console.check.interval");
			atLeast(initialDelay, Duration.ZERO, "console.check.initial-delay");
		}

	}

	/**
	 * The providers' REST APIs, for calls beyond the handshake's user lookup, and how long the console waits
	 * for any provider: short, so that a slow provider can't hold a console request or the periodic check.
	 */
	public record Providers(@Valid @NotNull @DefaultValue Provider github, @Valid @NotNull @DefaultValue Provider bitbucket,
			@Valid @NotNull @DefaultValue Provider gitlab, @NotNull @DefaultValue("PT5S") Duration connectTimeout,
			@NotNull @DefaultValue("PT10S") Duration readTimeout) {

		public static final URI GITHUB_API = URI.create("https://api.github.com");

		public static final URI BITBUCKET_API = URI.create("https://api.bitbucket.org/2.0");

		public static final URI GITHUB_GIT = URI.create("https://github.com");

		public static final URI BITBUCKET_GIT = URI.create("https://bitbucket.org");

		public static final URI GITLAB_API = URI.create("https://gitlab.com/api/v4");

		public static final URI GITLAB_GIT = URI.create("https://gitlab.com");

		public Providers {
			atLeast(connectTimeout, Duration.ofMillis(100), "console.providers.connect-timeout");
			atLeast(readTimeout, Duration.ofMillis(100), "console.providers.read-timeout");
			github = github.withDefaults("github", GITHUB_API, GITHUB_GIT);
			bitbucket = bitbucket.withDefaults("bitbucket", BITBUCKET_API, BITBUCKET_GIT);
			gitlab = gitlab.withDefaults("gitlab", GITLAB_API, GITLAB_GIT);
			if (bitbucket.mode() == Mode.APP) {
				throw new IllegalArgumentException("console.providers.bitbucket.mode: only GitHub has an app mode");
			}
			if (gitlab.mode() == Mode.APP) {
				throw new IllegalArgumentException("console.providers.gitlab.mode: only GitHub has an app mode");
			}
			if (github.mode() == Mode.APP) {
				github.app().requireComplete("console.providers.github.app");
			}
		}

	}

	/**
	 * How large a request body may be, and how long its client may take to send it whole. Tomcat's connection
	 * timeout bounds each read only: a client sending a byte every few seconds would hold a request thread for as long
	 * as its body lasts. {@code inFlightMaxSize}: the most memory the requests whose bodies are being read take
	 * between them; null for a quarter of the JVM's heap.
	 */
	public record RequestBody(@NotNull @DefaultValue("256KB") DataSize maxSize,
			@NotNull @DefaultValue("PT10S") Duration timeout, DataSize inFlightMaxSize) {

		public RequestBody {
			// below these, no sign-in form arrives whole
			if (maxSize != null && maxSize.toBytes() < 1024) {
				throw new IllegalArgumentException("console.request-body.max-size must be at least 1KB; it is "
						+ maxSize.toBytes() + " bytes.");
			}
			atLeast(timeout, Duration.ofSeconds(1), "console.request-body.timeout");
		}

	}

	/**
	 * One provider: its API root, its Git host (a repository is {@code {gitUrl}/{owner}/{name}.git} there, and for
	 * GitHub also the web root its app pages are under), whether the handshake sends PKCE (on, as Spring Security
	 * does; Bitbucket Cloud doesn't document it, so it can be switched off there alone), and for GitHub whether the
	 * console is an OAuth App or a GitHub App, with the app's settings.
	 */
	public record Provider(URI apiUrl, URI gitUrl, @DefaultValue("true") boolean pkce,
			@NotNull @DefaultValue("oauth-app") Mode mode, @NotNull @DefaultValue App app) {

		/** With the default addresses where none is set; an address that is no http(s) server's is refused. */
		Provider withDefaults(String name, URI defaultApiUrl, URI defaultGitUrl) {
			return new Provider(server(apiUrl == null ? defaultApiUrl : apiUrl, name + ".api-url"),
					server(gitUrl == null ? defaultGitUrl : gitUrl, name + ".git-url"), pkce, mode, app);
		}

		private static URI server(URI url, String property) {
			if (!("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))
					|| url.getHost() == null) {
				throw new IllegalArgumentException("console.providers." + property
						+ " must be an http or https address with a host name, such as https://github.example.com");
			}
			// the console writes paths after it: a user (sent to every browser in the handshake's redirect), a query
			// or a fragment would end up inside the addresses made from it
			if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
				throw new IllegalArgumentException("console.providers." + property
						+ " must be an address without a user, query or fragment, such as https://git.example.com");
			}
			return URI.create(url.toString().replaceAll("/+$", ""));
		}

	}

	/** How the console is registered at GitHub: an OAuth App (a user's token) or a GitHub App (its installations). */
	public enum Mode {

		OAUTH_APP, APP

	}

	/**
	 * The GitHub App's settings: its id (the issuer of its JWTs), its slug (its page is {@code /apps/{slug}}), its
	 * private key in PEM (the text, or a file holding it) and the secret its webhooks are signed with. Its client id
	 * and secret are those of the {@code github} client registration.
	 */
	public record App(Long id, String slug, String privateKey, Path privateKeyFile, String webhookSecret) {

		void requireComplete(String prefix) {
			List<String> missing = new ArrayList<>();
			if (id == null) {
				missing.add(prefix + ".id");
			}
			if (slug == null || slug.isBlank()) {
				missing.add(prefix + ".slug");
			}
			if ((privateKey == null || privateKey.isBlank()) == (privateKeyFile == null)) {
				missing.add(prefix + ".private-key or " + prefix + ".private-key-file (one of them)");
			}
			if (webhookSecret == null || webhookSecret.isBlank()) {
				missing.add(prefix + ".webhook-secret");
			}
			if (!missing.isEmpty()) {
				throw new IllegalArgumentException("console.providers.github.mode is app, which needs "
						+ String.join(", ", missing));
			}
		}

		/** The private key's PEM text, read from its file when it is given as one. */
		public String privateKeyPem() {
			try {
				return (privateKeyFile != null) ? Files.readString(privateKeyFile) : privateKey;
			}
			catch (IOException ex) {
				throw new IllegalStateException("console.providers.github.app.private-key-file can't be read: "
						+ privateKeyFile.toAbsolutePath() + " (" + ex.getClass().getSimpleName() + ")", ex);
			}
		}

		@Override
		public String toString() {
			return "App[id=" + id + ", slug=" + slug + ", privateKeyFile=" + privateKeyFile + "]";
		}

	}

	/**
	 * How people sign in: through the company's identity providers (OpenID Connect), each by the id of its
	 * {@code spring.security.oauth2.client.registration.{id}} with its issuer URL, and with a password, which can be
	 * turned off for everyone but one break-glass administrator.
	 */
	public record SignIn(@NotNull @DefaultValue Map<String, @Valid IdentityProvider> identityProviders,
			@DefaultValue("true") boolean passwords, String breakGlassUser) {

		public SignIn {
			if (!passwords && identityProviders.isEmpty()) {
				throw new IllegalArgumentException("console.sign-in.passwords=false needs an identity provider "
						+ "(console.sign-in.identity-providers), or nobody could sign in");
			}
		}

		/** Whether {@code username} may sign in with a password: anyone, unless passwords are off. */
		public boolean passwordAllowed(String username) {
			return passwords || (breakGlassUser != null && breakGlassUser.equalsIgnoreCase(username));
		}

	}

	/**
	 * An identity provider's sign-in: the name on its button, the account its people land in, and the claim that holds
	 * their groups with the groups that make an Administrator and those that make a Read-only user. Someone in neither
	 * is refused; someone in both is an Administrator.
	 */
	public record IdentityProvider(@NotEmpty String displayName,
			@NotNull @Pattern(regexp = "\\d{12}", message = "must be 12 digits") String account,
			@NotEmpty @DefaultValue("groups") String groupsClaim, @NotNull @DefaultValue List<String> adminGroups,
			@NotNull @DefaultValue List<String> readOnlyGroups) {
	}

	/**
	 * How many page requests the console works on at once ({@code 0}: one per processor), taken in arrival order, and
	 * how long one waits for its turn before it runs anyway.
	 */
	public record Pages(@Min(0) @DefaultValue("0") int concurrency, @NotNull @DefaultValue("1s") Duration maxWait) {

		public Pages {
			atLeast(maxWait, Duration.ZERO, "console.pages.max-wait");
		}

		public int effectiveConcurrency() {
			return (concurrency > 0) ? concurrency : Runtime.getRuntime().availableProcessors();
		}

	}

	/** Refuses a duration below {@code least}, naming the property as it is written. */
	private static void atLeast(Duration value, Duration least, String property) {
		if (value != null && value.compareTo(least) < 0) {
			throw new IllegalArgumentException(property + " must be at least " + least.toMillis() + " ms; it is "
					+ value.toMillis() + " ms (a number without a unit is milliseconds).");
		}
	}

}
