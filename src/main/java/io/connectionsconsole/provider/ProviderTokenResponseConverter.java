package io.connectionsconsole.provider;

import java.util.HashMap;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Reads a token endpoint's JSON as Spring Security does, with two corrections for the real providers. GitHub
 * answers errors with HTTP 200 ({@code {"error":"bad_verification_code",...}}), which Spring would report as
 * a token response without a token: here it becomes the provider's error. And a response without
 * {@code expires_in} (GitHub OAuth App tokens don't expire) would get an expiry one second after issue: here it
 * is marked, so that the console stores no expiry for it.
 */
class ProviderTokenResponseConverter implements Converter<Map<String, Object>, OAuth2AccessTokenResponse> {

	/** Set in the additional parameters when the provider gave no {@code expires_in}. */
	static final String NO_EXPIRY = "io.connectionsconsole.no_expiry";

	private final DefaultMapOAuth2AccessTokenResponseConverter delegate = new DefaultMapOAuth2AccessTokenResponseConverter();

	@Override
	public OAuth2AccessTokenResponse convert(Map<String, Object> parameters) {
		Object error = parameters.get(OAuth2ParameterNames.ERROR);
		if (error != null) {
			Object description = parameters.get(OAuth2ParameterNames.ERROR_DESCRIPTION);
			throw ProviderCallException.oauthError(error.toString(), description == null ? null : description.toString(),
					null);
		}
		if (parameters.get(OAuth2ParameterNames.EXPIRES_IN) != null) {
			return delegate.convert(parameters);
		}
		Map<String, Object> marked = new HashMap<>(parameters);
		marked.put(NO_EXPIRY, Boolean.TRUE);
		return delegate.convert(marked);
	}

}
