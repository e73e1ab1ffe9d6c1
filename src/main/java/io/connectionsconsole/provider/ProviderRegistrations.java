package io.connectionsconsole.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.StringUtils;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.connection.ProviderType;

/**
 * The OAuth2 client registrations {@code github} and {@code bitbucket}, from the standard
 * {@code spring.security.oauth2.client.*} properties with the providers' real endpoints as defaults. Boot's
 * own repository is not used: it refuses to start for a declared registration without a client id, and
 * knows no Bitbucket defaults. Here a provider without a client id is simply absent, and its handshake
 * says what to set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuth2ClientProperties.class)
class ProviderRegistrations {

	private static final Logger log = LoggerFactory.getLogger(ProviderRegistrations.class);

	/** Explicit, so that it is the same behind any proxy path; see docs/providers.md, "Callback URLs". */
	static final String DEFAULT_REDIRECT_URI = "{baseUrl}" + Providers.CALLBACK_PATH + "/{registrationId}";

	/** The real endpoints and scopes of each provider. */
	enum Defaults {

		/** {@code repo}: GitHub has no read-only scope for private repositories; {@code read:user}: the profile. */
		GITHUB(ProviderType.GITHUB, "https://github.com/login/oauth/authorize",
				"https://github.com/login/oauth/access_token", "https://api.github.com/user", "login",
				List.of("repo", "read:user")),

		/** {@code account}: the user; {@code repository}: read access to the user's repositories. */
		BITBUCKET(ProviderType.BITBUCKET, "https://bitbucket.org/site/oauth2/authorize",
				"https://bitbucket.org/site/oauth2/access_token", "https://api.bitbucket.org/2.0/user", "uuid",
				List.of("account", "repository"));

		final ProviderType type;

		final String authorizationUri;

		final String tokenUri;

		final String userInfoUri;

		final String userNameAttribute;

		final List<String> scopes;

		Defaults(ProviderType type, String authorizationUri, String tokenUri, String userInfoUri,
				String userNameAttribute, List<String> scopes) {
			this.type = type;
			this.authorizationUri = authorizationUri;
			this.tokenUri = tokenUri;
			this.userInfoUri = userInfoUri;
			this.userNameAttribute = userNameAttribute;
			this.scopes = scopes;
		}

	}

	@Bean
	ClientRegistrationRepository clientRegistrationRepository(OAuth2ClientProperties oauth2,
			ConsoleProperties console) {
		return new InMemoryClientRegistrationRepository(registrations(oauth2, console));
	}

	static Map<String, ClientRegistration> registrations(OAuth2ClientProperties oauth2, ConsoleProperties console) {
		Map<String, ClientRegistration> registrations = new LinkedHashMap<>();
		for (Defaults provider : Defaults.values()) {
			String id = provider.type.registrationId();
			OAuth2ClientProperties.Registration registration = oauth2.getRegistration().get(id);
			if (registration == null || !StringUtils.hasText(registration.getClientId())) {
				log.info("{} handshakes are not configured: set spring.security.oauth2.client.registration.{}"
						+ ".client-id and client-secret to enable them", provider.type.displayName(), id);
				continue;
			}
			registrations.put(id, registration(provider, registration, oauth2.getProvider().get(id),
					pkce(provider.type, console)));
		}
		return registrations;
	}

	private static ClientRegistration registration(Defaults provider, OAuth2ClientProperties.Registration registration,
			OAuth2ClientProperties.Provider endpoints, boolean pkce) {
		OAuth2ClientProperties.Provider given = endpoints != null ? endpoints : new OAuth2ClientProperties.Provider();
		return ClientRegistration.withRegistrationId(provider.type.registrationId())
			.clientId(registration.getClientId())
			.clientSecret(registration.getClientSecret())
			.clientAuthenticationMethod(StringUtils.hasText(registration.getClientAuthenticationMethod())
					? new ClientAuthenticationMethod(registration.getClientAuthenticationMethod())
					: ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(or(registration.getRedirectUri(), DEFAULT_REDIRECT_URI))
			.scope(registration.getScope() == null || registration.getScope().isEmpty() ? provider.scopes
					: registration.getScope())
			.clientName(or(registration.getClientName(), provider.type.displayName()))
			.authorizationUri(or(given.getAuthorizationUri(), provider.authorizationUri))
			.tokenUri(or(given.getTokenUri(), provider.tokenUri))
			.userInfoUri(or(given.getUserInfoUri(), provider.userInfoUri))
			.userNameAttributeName(or(given.getUserNameAttribute(), provider.userNameAttribute))
			.clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(pkce).build())
			.build();
	}

	private static boolean pkce(ProviderType type, ConsoleProperties console) {
		return switch (type) {
			case GITHUB -> console.providers().github().pkce();
			case BITBUCKET -> console.providers().bitbucket().pkce();
		};
	}

	private static String or(String value, String fallback) {
		return StringUtils.hasText(value) ? value : fallback;
	}

}
