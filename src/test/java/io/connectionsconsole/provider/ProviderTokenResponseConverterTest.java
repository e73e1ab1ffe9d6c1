package io.connectionsconsole.provider;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProviderTokenResponseConverterTest {

	private final ProviderTokenResponseConverter converter = new ProviderTokenResponseConverter();

	@Test
	void gitHubsErrorWithHttp200IsTheProvidersErrorNotATokenWithoutToken() {
		ProviderCallException error = catchThrowableOfType(ProviderCallException.class,
				() -> converter.convert(Map.of("error", "bad_verification_code", "error_description",
						"The code passed is incorrect or expired.", "error_uri", "https://docs.github.com")));

		assertThat(error.kind()).isEqualTo(ProviderCallException.Kind.OAUTH_ERROR);
		assertThat(error.providerError()).isEqualTo("bad_verification_code");
		assertThat(error.getMessage()).contains("The code passed is incorrect or expired.");
	}

	@Test
	void aTokenWithoutExpiresInIsMarkedAsNotExpiring() {
		OAuth2AccessTokenResponse response = converter
			.convert(Map.of("access_token", "gho_x", "token_type", "bearer", "scope", "repo,read:user"));

		assertThat(response.getAdditionalParameters()).containsEntry(ProviderTokenResponseConverter.NO_EXPIRY, true);
	}

	@Test
	void aTokenWithExpiresInKeepsItsExpiry() {
		OAuth2AccessTokenResponse response = converter.convert(Map.of("access_token", "abc", "token_type", "bearer",
				"expires_in", 7200, "refresh_token", "def", "scopes", "account repository"));

		assertThat(response.getAdditionalParameters()).doesNotContainKey(ProviderTokenResponseConverter.NO_EXPIRY);
		assertThat(response.getAccessToken().getExpiresAt())
			.isEqualTo(response.getAccessToken().getIssuedAt().plusSeconds(7200));
		assertThat(response.getRefreshToken().getTokenValue()).isEqualTo("def");
	}

}
