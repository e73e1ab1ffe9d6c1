package io.connectionsconsole.provider;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.AbstractRestClientOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ProviderTokens;

/**
 * The providers' token endpoints, through Spring Security's token response clients: the authorization code
 * grant of the handshake and the refresh token grant of expiring tokens. Both send the client
 * credentials as HTTP Basic (what Bitbucket requires and GitHub accepts), a form body, and
 * {@code Accept: application/json} (without it GitHub answers form-encoded).
 */
@Component
public class TokenEndpoint {

	private static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

	private final ProviderHttp http;

	private final Providers providers;

	private final Clients clients;

	/** Those of hosts with a private certificate authority, by their TLS trust; dropped with their host's client. */
	private final Map<SSLContext, Clients> hostClients = Collections.synchronizedMap(new WeakHashMap<>());

	TokenEndpoint(ProviderHttp http, Providers providers) {
		this.http = http;
		this.providers = providers;
		this.clients = new Clients(http.requestFactory());
	}

	private Clients clients(ProviderClient provider) {
		SSLContext tls = provider.sslContext();
		return tls == null ? clients : hostClients.computeIfAbsent(tls, (key) -> new Clients(http.requestFactory(key)));
	}

	/** Spring Security's two token response clients, on one request factory. */
	private static final class Clients {

		final RestClientAuthorizationCodeTokenResponseClient code = new RestClientAuthorizationCodeTokenResponseClient();

		final RestClientRefreshTokenTokenResponseClient refresh = new RestClientRefreshTokenTokenResponseClient();

		Clients(ClientHttpRequestFactory requestFactory) {
			configure(code, requestFactory);
			configure(refresh, requestFactory);
			refresh.addParametersConverter((grant) -> {
				LinkedMultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
				if (grant instanceof RefreshThrough through) {
					parameters.add(OAuth2ParameterNames.REDIRECT_URI, through.redirectUri);
				}
				return parameters;
			});
		}

	}

	/** Spring Security's own RestClient set-up, with the console's time-outs and token response reading. */
	private static void configure(AbstractRestClientOAuth2AccessTokenResponseClient<?> client,
			ClientHttpRequestFactory requestFactory) {
		OAuth2AccessTokenResponseHttpMessageConverter tokenResponses = new OAuth2AccessTokenResponseHttpMessageConverter();
		tokenResponses.setAccessTokenResponseConverter(new ProviderTokenResponseConverter());
		client.setRestClient(RestClient.builder()
			.requestFactory(requestFactory)
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(tokenResponses))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build());
	}

	/**
	 * Exchanges the code of the provider's callback for tokens, with the handshake's {@code state}, redirect URI and PKCE
	 * verifier (null without PKCE) sent as its authorization request had them.
	 */
	public ProviderTokens exchange(Connection connection, ClientRegistration registration, String code, String state,
			String redirectUri, String codeVerifier) {
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(registration.getProviderDetails().getAuthorizationUri())
			.clientId(registration.getClientId())
			.redirectUri(redirectUri)
			.scopes(registration.getScopes())
			.state(state)
			.attributes((attributes) -> {
				if (codeVerifier != null) {
					attributes.put(PkceParameterNames.CODE_VERIFIER, codeVerifier);
				}
			})
			.build();
		OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success(code)
			.redirectUri(redirectUri)
			.state(state)
			.build();
		Clients clients = clients(providers.client(connection));
		return tokens(call(() -> clients.code.getTokenResponse(new OAuth2AuthorizationCodeGrantRequest(registration,
				new OAuth2AuthorizationExchange(request, response))))).through(redirectUri);
	}

	/**
	 * Trades the refresh token for new tokens; Bitbucket and GitLab rotate the refresh token on every use. Where the
	 * provider says so, the request carries the redirect URI the tokens were issued through, as GitLab requires.
	 */
	ProviderTokens refresh(ProviderClient provider, ClientRegistration registration, ProviderTokens tokens) {
		boolean sendRedirectUri = provider.refreshSendsRedirectUri();
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, tokens.accessToken(),
				null, null);
		OAuth2RefreshToken refreshToken = new OAuth2RefreshToken(tokens.refreshToken(), null);
		OAuth2RefreshTokenGrantRequest grant = sendRedirectUri && tokens.redirectUri() != null
				? new RefreshThrough(registration, accessToken, refreshToken, tokens.redirectUri())
				: new OAuth2RefreshTokenGrantRequest(registration, accessToken, refreshToken);
		Clients clients = clients(provider);
		return tokens(call(() -> clients.refresh.getTokenResponse(grant))).through(tokens.redirectUri());
	}

	/** A refresh grant that names the redirect URI of the handshake again. */
	private static final class RefreshThrough extends OAuth2RefreshTokenGrantRequest {

		private final String redirectUri;

		RefreshThrough(ClientRegistration registration, OAuth2AccessToken accessToken, OAuth2RefreshToken refreshToken,
				String redirectUri) {
			super(registration, accessToken, refreshToken);
			this.redirectUri = redirectUri;
		}

	}

	private static OAuth2AccessTokenResponse call(Supplier<OAuth2AccessTokenResponse> call) {
		try {
			return call.get();
		}
		catch (OAuth2AuthorizationException ex) {
			// Without a cause it is the provider's own OAuth2 error (an HTTP 400 body); with one, Spring's
			// invalid_token_response wraps what really happened: a status, a time-out, GitHub's HTTP 200 error.
			OAuth2Error error = ex.getError();
			if (ex.getCause() == null && !INVALID_TOKEN_RESPONSE.equals(error.getErrorCode())) {
				throw ProviderCallException.oauthError(error.getErrorCode(), error.getDescription(), ex);
			}
			throw ProviderCallException.of(ex.getCause() == null ? ex : ex.getCause());
		}
		catch (RuntimeException ex) {
			throw ProviderCallException.of(ex);
		}
	}

	private static ProviderTokens tokens(OAuth2AccessTokenResponse response) {
		OAuth2AccessToken accessToken = response.getAccessToken();
		boolean expires = !response.getAdditionalParameters().containsKey(ProviderTokenResponseConverter.NO_EXPIRY);
		Instant expiresAt = expires ? accessToken.getExpiresAt() : null;
		OAuth2RefreshToken refreshToken = response.getRefreshToken();
		return new ProviderTokens(accessToken.getTokenValue(), refreshToken == null ? null : refreshToken.getTokenValue(),
				expiresAt);
	}

}
