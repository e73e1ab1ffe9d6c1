package io.connectionsconsole.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.StringUtils;

import io.connectionsconsole.connection.ProviderSetup;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.error.Printable;

/**
 * The OAuth2 client registrations {@code github}, {@code bitbucket} and {@code gitlab}, from the standard
 * {@code spring.security.oauth2.client.*} properties with each provider's real endpoints
 * ({@link ProviderClient#authorization()}) as defaults, and those of hosts, made from the database. Boot's own
 * repository is not used: it refuses to start for a declared registration without a client id, and knows no Bitbucket
 * defaults. Here a provider without a client id (none, or an empty one) is simply absent, and its handshake says what
 * to set.
 */
@Configuration(proxyBeanMethods = false)
class ProviderRegistrations {

	private static final Logger log = LoggerFactory.getLogger(ProviderRegistrations.class);

	/**
	 * How a client authenticates at a provider's token endpoint, Spring Security's names: its secret in a header or
	 * in the form, or none at all (a public client, such as a GitLab application that isn't confidential, with PKCE).
	 */
	private static final List<String> METHODS = List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(), ClientAuthenticationMethod.NONE.getValue());

	/** Explicit, so that it is the same behind any proxy path; see docs/provider-setup.md, "Callback URLs". */
	static final String DEFAULT_REDIRECT_URI = "{baseUrl}" + Providers.CALLBACK_PATH + "/{registrationId}";

	/**
	 * Boot's binding of {@code spring.security.oauth2.client.*}, without its check that every registration declared
	 * has a client id: docker-compose.yml declares each provider's, empty where the operator set none, and such a
	 * provider is absent here, as one not declared at all.
	 */
	@Bean
	@ConfigurationProperties("spring.security.oauth2.client")
	static OAuth2ClientProperties oauth2ClientProperties() {
		return new UncheckedOAuth2ClientProperties();
	}

	/** Checked where each registration is used: here for the providers, by the single sign-on for its own. */
	static final class UncheckedOAuth2ClientProperties extends OAuth2ClientProperties {

		@Override
		public void afterPropertiesSet() {
		}

	}

	@Bean
	ClientRegistrationRepository clientRegistrationRepository(OAuth2ClientProperties oauth2, Providers providers) {
		Map<String, ClientRegistration> configured = registrations(oauth2, providers);
		// The configured providers', and each host's, made from the database when it is asked for.
		return (id) -> id == null ? null : configured.containsKey(id) ? configured.get(id) : providers.hostRegistration(id);
	}

	/** A provider's handshake can be completed where it has a registration. */
	@Bean
	ProviderSetup providerSetup(ClientRegistrationRepository registrations) {
		return (provider) -> registrations.findByRegistrationId(provider.registrationId()) != null;
	}

	static Map<String, ClientRegistration> registrations(OAuth2ClientProperties oauth2, Providers providers) {
		Map<String, ClientRegistration> registrations = new LinkedHashMap<>();
		for (ProviderClient provider : providers.all()) {
			String id = provider.type().registrationId();
			OAuth2ClientProperties.Registration registration = oauth2.getRegistration().get(id);
			if (registration == null || !StringUtils.hasText(registration.getClientId())) {
				log.info("{} handshakes are not configured: set spring.security.oauth2.client.registration.{}"
						+ ".client-id and client-secret to enable them", provider.type().displayName(), id);
				continue;
			}
			requireUsable(provider, registration);
			registrations.put(id, registration(provider.type(), provider.authorization(), registration,
					oauth2.getProvider().get(id)));
		}
		return registrations;
	}

	/**
	 * A registration the provider's token endpoint would refuse at every handshake's callback is refused at start: a
	 * way of authenticating that Spring Security doesn't know, a public client where the provider has none, or a
	 * confidential client without its secret.
	 */
	private static void requireUsable(ProviderClient provider, OAuth2ClientProperties.Registration registration) {
		String prefix = "spring.security.oauth2.client.registration." + provider.type().registrationId();
		String method = registration.getClientAuthenticationMethod();
		if (StringUtils.hasText(method) && !METHODS.contains(method)) {
			throw new IllegalStateException(prefix + ".client-authentication-method is '" + Printable.excerpt(method, 40)
					+ "': it is one of " + String.join(", ", METHODS) + ", or unset for the first.");
		}
		boolean publicClient = ClientAuthenticationMethod.NONE.getValue().equals(method);
		if (publicClient && !provider.takesPublicClients()) {
			throw new IllegalStateException(prefix + ".client-authentication-method is 'none', a public client, which "
					+ provider.type().displayName() + " doesn't have: its token endpoint wants the client secret. Set "
					+ prefix + ".client-secret, and client_secret_basic or client_secret_post (or leave it unset).");
		}
		if (!publicClient && !StringUtils.hasText(registration.getClientSecret())) {
			throw new IllegalStateException(prefix + ".client-secret is not set, though " + prefix + ".client-id is: "
					+ "set both, from the OAuth application registered at the provider, or neither.");
		}
	}

	private static ClientRegistration registration(ProviderType type, ProviderClient.Authorization defaults,
			OAuth2ClientProperties.Registration registration, OAuth2ClientProperties.Provider endpoints) {
		OAuth2ClientProperties.Provider given = endpoints != null ? endpoints : new OAuth2ClientProperties.Provider();
		return ClientRegistration.withRegistrationId(type.registrationId())
			.clientId(registration.getClientId())
			.clientSecret(registration.getClientSecret())
			.clientAuthenticationMethod(StringUtils.hasText(registration.getClientAuthenticationMethod())
					? new ClientAuthenticationMethod(registration.getClientAuthenticationMethod())
					: ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(or(registration.getRedirectUri(), DEFAULT_REDIRECT_URI))
			.scope(registration.getScope() == null || registration.getScope().isEmpty() ? defaults.scopes()
					: registration.getScope())
			.clientName(or(registration.getClientName(), type.displayName()))
			.authorizationUri(or(given.getAuthorizationUri(), defaults.authorizationUri()))
			.tokenUri(or(given.getTokenUri(), defaults.tokenUri()))
			.userInfoUri(or(given.getUserInfoUri(), defaults.userInfoUri()))
			.userNameAttributeName(or(given.getUserNameAttribute(), defaults.userNameAttribute()))
			.clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(defaults.pkce()).build())
			.build();
	}

	private static String or(String value, String fallback) {
		return StringUtils.hasText(value) ? value : fallback;
	}

}
