package io.connectionsconsole.provider;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import io.connectionsconsole.config.ConsoleProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderRegistrationsTest {

	/** The registrations of these settings, each client id given with a client secret unless the pairs set one. */
	private static Map<String, ClientRegistration> registrations(String... pairs) {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource();
		for (int i = 0; i < pairs.length; i += 2) {
			if (pairs[i].endsWith(".client-id")) {
				source.put(pairs[i].replace(".client-id", ".client-secret"), "a-client-secret");
			}
		}
		for (int i = 0; i < pairs.length; i += 2) {
			source.put(pairs[i], pairs[i + 1]);
		}
		Binder binder = new Binder(source);
		OAuth2ClientProperties oauth2 = new OAuth2ClientProperties();
		binder.bind("spring.security.oauth2.client", Bindable.ofInstance(oauth2));
		oauth2.validate();
		ConsoleProperties console = binder.bindOrCreate("console", ConsoleProperties.class);
		Providers providers = new Providers(
				List.of(new BitbucketClient(console), new GitHubClient(console), new GitLabClient(console)),
				new ProviderApi(new ProviderHttp(console)), null);
		return ProviderRegistrations.registrations(oauth2, providers);
	}

	@Test
	void aClientIdIsAllItTakesToUseTheRealGitHub() {
		ClientRegistration github = registrations("spring.security.oauth2.client.registration.github.client-id", "id",
				"spring.security.oauth2.client.registration.github.client-secret", "secret")
			.get("github");

		assertThat(github.getProviderDetails().getAuthorizationUri()).isEqualTo("https://github.com/login/oauth/authorize");
		assertThat(github.getProviderDetails().getTokenUri()).isEqualTo("https://github.com/login/oauth/access_token");
		assertThat(github.getProviderDetails().getUserInfoEndpoint().getUri()).isEqualTo("https://api.github.com/user");
		assertThat(github.getScopes()).containsExactly("repo", "read:user");
		assertThat(github.getRedirectUri()).isEqualTo("{baseUrl}/connections/handshake/callback/{registrationId}");
		assertThat(github.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.AUTHORIZATION_CODE);
		assertThat(github.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		assertThat(github.getClientSettings().isRequireProofKey()).isTrue();
	}

	@Test
	void aClientIdIsAllItTakesToUseTheRealBitbucket() {
		ClientRegistration bitbucket = registrations(
				"spring.security.oauth2.client.registration.bitbucket.client-id", "key",
				"spring.security.oauth2.client.registration.bitbucket.client-secret", "secret")
			.get("bitbucket");

		assertThat(bitbucket.getProviderDetails().getAuthorizationUri())
			.isEqualTo("https://bitbucket.org/site/oauth2/authorize");
		assertThat(bitbucket.getProviderDetails().getTokenUri())
			.isEqualTo("https://bitbucket.org/site/oauth2/access_token");
		assertThat(bitbucket.getProviderDetails().getUserInfoEndpoint().getUri())
			.isEqualTo("https://api.bitbucket.org/2.0/user");
		assertThat(bitbucket.getScopes()).containsExactly("account", "repository");
		assertThat(bitbucket.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
	}

	@Test
	void aClientIdIsAllItTakesToUseTheRealGitLab() {
		ClientRegistration gitlab = registrations("spring.security.oauth2.client.registration.gitlab.client-id", "app-id",
				"spring.security.oauth2.client.registration.gitlab.client-secret", "gloas-secret")
			.get("gitlab");

		assertThat(gitlab.getProviderDetails().getAuthorizationUri()).isEqualTo("https://gitlab.com/oauth/authorize");
		assertThat(gitlab.getProviderDetails().getTokenUri()).isEqualTo("https://gitlab.com/oauth/token");
		assertThat(gitlab.getProviderDetails().getUserInfoEndpoint().getUri()).isEqualTo("https://gitlab.com/api/v4/user");
		assertThat(gitlab.getScopes()).containsExactly("read_api", "read_repository", "read_user");
		assertThat(gitlab.getClientSettings().isRequireProofKey()).isTrue();
		assertThat(gitlab.getRedirectUri()).isEqualTo("{baseUrl}/connections/handshake/callback/{registrationId}");
	}

	@Test
	void aProviderWithoutClientIdIsLeftOut() {
		assertThat(registrations()).isEmpty();
		assertThat(registrations("spring.security.oauth2.client.registration.github.client-id", "id")).containsOnlyKeys(
				"github");
	}

	@Test
	void aClientIdWithoutItsSecretOrASecretSentInAWayNoProviderTakesIsRefused() {
		assertThatThrownBy(() -> registrations("spring.security.oauth2.client.registration.gitlab.client-id", "app-id",
				"spring.security.oauth2.client.registration.gitlab.client-secret", ""))
			.hasMessageStartingWith("spring.security.oauth2.client.registration.gitlab.client-secret is not set, though "
					+ "spring.security.oauth2.client.registration.gitlab.client-id is: set both");
		// a public client has no secret
		assertThat(registrations("spring.security.oauth2.client.registration.gitlab.client-id", "app-id",
				"spring.security.oauth2.client.registration.gitlab.client-secret", "",
				"spring.security.oauth2.client.registration.gitlab.client-authentication-method", "none")
			.get("gitlab")
			.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.NONE);
		// which GitHub and Bitbucket don't have: their token endpoints want the secret
		for (String id : List.of("github", "bitbucket")) {
			assertThatThrownBy(() -> registrations("spring.security.oauth2.client.registration." + id + ".client-id",
					"app-id", "spring.security.oauth2.client.registration." + id + ".client-secret", "a-secret",
					"spring.security.oauth2.client.registration." + id + ".client-authentication-method", "none"))
				.hasMessageStartingWith("spring.security.oauth2.client.registration." + id
						+ ".client-authentication-method is 'none', a public client, which ")
				.hasMessageContaining("doesn't have: its token endpoint wants the client secret");
		}
		assertThatThrownBy(() -> registrations("spring.security.oauth2.client.registration.github.client-id", "id",
				"spring.security.oauth2.client.registration.github.client-authentication-method", "client_secret_bsic"))
			.hasMessage("spring.security.oauth2.client.registration.github.client-authentication-method is "
					+ "'client_secret_bsic': it is one of client_secret_basic, client_secret_post, none, or unset for the "
					+ "first.");
	}

	@Test
	void theStandardPropertiesOverrideEveryDefault() {
		ClientRegistration github = registrations("spring.security.oauth2.client.registration.github.client-id", "id",
				"spring.security.oauth2.client.registration.github.scope", "read:user,read:org",
				"spring.security.oauth2.client.registration.github.redirect-uri",
				"https://console.example.com/connections/handshake/callback/github",
				"spring.security.oauth2.client.registration.github.client-authentication-method", "client_secret_post",
				"spring.security.oauth2.client.provider.github.authorization-uri", "https://ghe.example.com/login/oauth/authorize",
				"spring.security.oauth2.client.provider.github.token-uri", "https://ghe.example.com/login/oauth/access_token",
				"spring.security.oauth2.client.provider.github.user-info-uri", "https://ghe.example.com/api/v3/user")
			.get("github");

		assertThat(github.getScopes()).containsExactly("read:user", "read:org");
		assertThat(github.getRedirectUri()).isEqualTo("https://console.example.com/connections/handshake/callback/github");
		assertThat(github.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		assertThat(github.getProviderDetails().getAuthorizationUri()).isEqualTo("https://ghe.example.com/login/oauth/authorize");
		assertThat(github.getProviderDetails().getTokenUri()).isEqualTo("https://ghe.example.com/login/oauth/access_token");
		assertThat(github.getProviderDetails().getUserInfoEndpoint().getUri()).isEqualTo("https://ghe.example.com/api/v3/user");
	}

	@Test
	void pkceCanBeSwitchedOffForBitbucketAlone() {
		Map<String, ClientRegistration> registrations = registrations(
				"spring.security.oauth2.client.registration.github.client-id", "id",
				"spring.security.oauth2.client.registration.bitbucket.client-id", "key",
				"console.providers.bitbucket.pkce", "false");

		assertThat(registrations.get("github").getClientSettings().isRequireProofKey()).isTrue();
		assertThat(registrations.get("bitbucket").getClientSettings().isRequireProofKey()).isFalse();
	}

	@Test
	void theApiUrlsDefaultToTheRealOnes() {
		ConsoleProperties.Providers providers = new Binder(new MapConfigurationPropertySource())
			.bindOrCreate("console", ConsoleProperties.class)
			.providers();

		assertThat(providers.github().apiUrl()).hasToString("https://api.github.com");
		assertThat(providers.bitbucket().apiUrl()).hasToString("https://api.bitbucket.org/2.0");
		assertThat(providers.gitlab().apiUrl()).hasToString("https://gitlab.com/api/v4");
		assertThat(providers.gitlab().gitUrl()).hasToString("https://gitlab.com");
	}

}
