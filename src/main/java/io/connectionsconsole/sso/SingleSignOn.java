package io.connectionsconsole.sso;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.account.IdentitySignInRefusedException;
import io.connectionsconsole.account.UserService;
import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.error.Printable;

/**
 * Sign-in through the company's identity providers, on the console's filter chain beside the password form when any
 * is configured: Spring Security's OpenID Connect login, with the sign-in request in a sealed cookie, no provider
 * token kept after it, and the console's own user as the principal once it succeeds, so that the rest of the console
 * sees one kind of user however they signed in. A refusal goes back to the sign-in page, which says why.
 */
@Component
public class SingleSignOn {

	private static final Logger log = LoggerFactory.getLogger(SingleSignOn.class);

	/**
	 * Spring Security's codes for an answer that found no sign-in request of the browser waiting for it (none, or
	 * one already taken), or that lacked the parameters of one.
	 */
	private static final Set<String> NO_SIGN_IN_REQUEST = Set.of("authorization_request_not_found", "invalid_request");

	/** What the sign-in page is told when the identity provider did not answer. */
	static final String UNANSWERED = "UNANSWERED";

	/** The identity provider's tokens are not needed after sign-in: none is kept, in the session or elsewhere. */
	private static final OAuth2AuthorizedClientRepository NOTHING_KEPT = new OAuth2AuthorizedClientRepository() {

		@Override
		public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId,
				Authentication principal, HttpServletRequest request) {
			return null;
		}

		@Override
		public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal,
				HttpServletRequest request, HttpServletResponse response) {
		}

		@Override
		public void removeAuthorizedClient(String clientRegistrationId, Authentication principal,
				HttpServletRequest request, HttpServletResponse response) {
		}

	};

	private final SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
			new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

	private final IdentityProviders providers;

	private final IdentitySignIns signIns;

	private final SealedAuthorizationRequests requests;

	private final UserService users;

	SingleSignOn(IdentityProviders providers, IdentitySignIns signIns, SealedAuthorizationRequests requests,
			UserService users) {
		this.providers = providers;
		this.signIns = signIns;
		this.requests = requests;
		this.users = users;
	}

	/** Adds the identity providers' sign-in to the console's chain; {@code signedIn} goes on after a sign-in. */
	public void configure(HttpSecurity http, String loginPage, AuthenticationSuccessHandler signedIn) throws Exception {
		if (!providers.any()) {
			return;
		}
		http.oauth2Login((login) -> login.loginPage(loginPage)
			.clientRegistrationRepository(providers.registrations())
			.authorizedClientRepository(NOTHING_KEPT)
			.authorizationEndpoint((endpoint) -> endpoint.authorizationRequestRepository(requests)
				.authorizationRequestResolver(knownOnly(providers.registrations())))
			.tokenEndpoint((endpoint) -> endpoint.accessTokenResponseClient(tokenEndpoint(providers.http())))
			.userInfoEndpoint((userInfo) -> userInfo.oidcUserService(signIns))
			.successHandler((request, response, authentication) -> signedIn.onAuthenticationSuccess(request, response,
					asConsoleUser(request, response, authentication)))
			.failureHandler((request, response, failure) -> refused(request, response, loginPage, failure))
			.permitAll());
		http.logout((logout) -> logout.logoutSuccessHandler(
				(request, response, authentication) -> signedOut(request, response, loginPage, authentication)));
	}

	/** Spring Security's own token endpoint client, on the console's time-outs. */
	private static RestClientAuthorizationCodeTokenResponseClient tokenEndpoint(ClientHttpRequestFactory http) {
		RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
		client.setRestClient(RestClient.builder()
			.requestFactory(http)
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build());
		return client;
	}

	/**
	 * After sign-out, someone who signed in through an identity provider that offers RP-initiated logout goes on to
	 * sign out there too (its {@code end_session_endpoint}, with the console's client id and the sign-in page to come
	 * back to); anyone else comes back to the sign-in page.
	 */
	private void signedOut(HttpServletRequest request, HttpServletResponse response, String loginPage,
			Authentication authentication) throws IOException {
		String provider = (authentication != null && authentication.getPrincipal() instanceof ConsoleUser user)
				? user.identityProvider() : null;
		ClientRegistration registration = (provider == null) ? null
				: providers.registrations().findByRegistrationId(provider);
		Object endSession = (registration == null) ? null
				: registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
		if (endSession == null) {
			response.sendRedirect(request.getContextPath() + loginPage + "?logout");
			return;
		}
		String back = ServletUriComponentsBuilder.fromContextPath(request).path(loginPage).query("logout").toUriString();
		response.sendRedirect(UriComponentsBuilder.fromUriString(endSession.toString())
			.queryParam("client_id", registration.getClientId())
			.queryParam("post_logout_redirect_uri", back)
			.encode()
			.toUriString());
	}

	/**
	 * Spring Security's authorization requests, for the identity providers only: another id (a connection's provider,
	 * a typo) is no sign-in, and goes on as any unknown address rather than failing.
	 */
	private static OAuth2AuthorizationRequestResolver knownOnly(ClientRegistrationRepository registrations) {
		String base = OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI;
		DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations,
				base);
		return new OAuth2AuthorizationRequestResolver() {

			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
				String path = request.getRequestURI().substring(request.getContextPath().length());
				boolean unknown = path.startsWith(base + "/")
						&& registrations.findByRegistrationId(path.substring(base.length() + 1)) == null;
				return unknown ? null : resolver.resolve(request);
			}

			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
				return registrations.findByRegistrationId(clientRegistrationId) == null ? null
						: resolver.resolve(request, clientRegistrationId);
			}

		};
	}

	/** The console's user as the principal of the session, in place of the identity provider's person. */
	private Authentication asConsoleUser(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) {
		ConsoleUser user = ((IdentitySignIns.SignedIn) authentication.getPrincipal()).user();
		Authentication signedIn = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(signedIn);
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
		return signedIn;
	}

	/** Whether the sign-in failed because the identity provider could not be reached or did not answer in time. */
	private static boolean unanswered(AuthenticationException failure) {
		for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof ResourceAccessException || cause instanceof IOException) {
				return true;
			}
		}
		return false;
	}

	private void refused(HttpServletRequest request, HttpServletResponse response, String loginPage,
			AuthenticationException failure) throws IOException {
		String code = (failure instanceof OAuth2AuthenticationException oauth) ? oauth.getError().getErrorCode() : "";
		String reason;
		if (code.startsWith(IdentitySignIns.REFUSED)) {
			reason = code.substring(IdentitySignIns.REFUSED.length());
		}
		else if (unanswered(failure)) {
			// the provider did not answer in time, or at all: nobody's doing, and nothing to record
			reason = UNANSWERED;
			log.warn("Sign-in through identity provider {}: it did not answer ({})",
					request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1),
					Printable.excerpt(failure.getMessage(), 200));
		}
		else {
			// The provider's answer did not hold, or the sign-in request was gone: nobody is known to refuse by name.
			reason = IdentitySignInRefusedException.Reason.INVALID_TOKEN.name();
			String provider = request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1);
			if (NO_SIGN_IN_REQUEST.contains(code)) {
				// no sign-in of this browser waited for an answer: anyone can ask so, and it goes in no record
				log.debug("Sign-in answer for identity provider {} without a sign-in request: {}", provider, code);
			}
			else {
				ConsoleProperties.IdentityProvider settings = providers.settings(provider);
				log.warn("Sign-in through identity provider {} refused: {}", settings == null ? "unknown" : provider,
						Printable.excerpt(code, 200));
				if (settings != null) {
					users.recordIdentityRefusal(AccountId.of(settings.account()), provider, code);
				}
			}
		}
		response.sendRedirect(UriComponentsBuilder.fromPath(request.getContextPath() + loginPage)
			.queryParam("refused", reason)
			.toUriString());
	}

}
