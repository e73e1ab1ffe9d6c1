package io.connectionsconsole.sso;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.web.SignInChoices;

/**
 * The company's identity providers people sign in through (OpenID Connect), each configured as
 * {@code console.sign-in.identity-providers.{id}} with the {@code spring.security.oauth2.client.registration.{id}} and
 * {@code provider.{id}.issuer-uri} of its client. Their registrations are kept apart from the GitHub and Bitbucket
 * handshake's: a handshake never signs anyone in, and an identity provider never becomes a connection. The issuer's
 * discovery document is read at start; scopes default to {@code openid profile email}, and PKCE is always sent.
 */
@Component
class IdentityProviders implements SignInChoices {

	/** Where the sign-in page's button of an identity provider leads: Spring Security's authorization request. */
	static final String AUTHORIZATION_PATH = "/oauth2/authorization/{id}";

	private final Map<String, ConsoleProperties.IdentityProvider> settings;

	private final InMemoryClientRegistrationRepository registrations;

	private final ClientHttpRequestFactory http;

	IdentityProviders(ConsoleProperties properties, OAuth2ClientProperties oauth2) {
		this.settings = new LinkedHashMap<>(properties.signIn().identityProviders());
		this.registrations = settings.isEmpty() ? null : new InMemoryClientRegistrationRepository(registrations(oauth2));
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.providers().connectTimeout())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build());
		factory.setReadTimeout(properties.providers().readTimeout());
		this.http = factory;
	}

	/**
	 * How the console asks an identity provider during a sign-in (its token and user-info endpoints): within the
	 * providers' connect and read time-outs, so that a provider that stalls can't hold a sign-in for good.
	 */
	ClientHttpRequestFactory http() {
		return http;
	}

	private List<ClientRegistration> registrations(OAuth2ClientProperties oauth2) {
		OAuth2ClientProperties own = new OAuth2ClientProperties();
		Set<String> handshakes = Arrays.stream(ProviderType.values())
			.map(ProviderType::registrationId)
			.collect(Collectors.toSet());
		for (String id : settings.keySet()) {
			if (handshakes.contains(id)) {
				throw new IllegalStateException("console.sign-in.identity-providers." + id + ": " + id
						+ " is a connection's provider, never an identity provider; give the identity provider another id");
			}
			OAuth2ClientProperties.Registration registration = oauth2.getRegistration().get(id);
			OAuth2ClientProperties.Provider provider = oauth2.getProvider().get(id);
			if (registration == null || !StringUtils.hasText(registration.getClientId()) || provider == null
					|| !StringUtils.hasText(provider.getIssuerUri())) {
				throw new IllegalStateException("console.sign-in.identity-providers." + id + " needs "
						+ "spring.security.oauth2.client.registration." + id + ".client-id (and client-secret) and "
						+ "spring.security.oauth2.client.provider." + id + ".issuer-uri");
			}
			own.getRegistration().put(id, registration);
			own.getProvider().put(id, provider);
		}
		List<ClientRegistration> registrations = new ArrayList<>();
		new OAuth2ClientPropertiesMapper(own).asClientRegistrations().forEach((id, registration) -> registrations
			.add(ClientRegistration.withClientRegistration(registration)
				.scope(registration.getScopes() == null || registration.getScopes().isEmpty()
						? Set.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL) : registration.getScopes())
				.clientName(settings.get(id).displayName())
				.clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
				.build()));
		return registrations;
	}

	boolean any() {
		return registrations != null;
	}

	InMemoryClientRegistrationRepository registrations() {
		return registrations;
	}

	ConsoleProperties.IdentityProvider settings(String id) {
		return settings.get(id);
	}

	@Override
	public List<Choice> choices() {
		return settings.entrySet()
			.stream()
			.map((entry) -> new Choice(entry.getKey(), entry.getValue().displayName(),
					UriComponentsBuilder.fromPath(AUTHORIZATION_PATH).buildAndExpand(entry.getKey()).toUriString()))
			.toList();
	}

}
