package io.connectionsconsole.sso;

import java.util.Collection;
import java.util.List;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.account.IdentitySignIn;
import io.connectionsconsole.account.IdentitySignInRefusedException;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.account.UserService;
import io.connectionsconsole.config.ConsoleProperties;

/**
 * Who an identity provider signed in, as the console's user: Spring Security has checked the ID token (its signature
 * by the provider's keys, issuer, audience, expiry, nonce) and read the user-info endpoint where there is one; the
 * groups claim gives the role, and {@link UserService#signInThrough} finds or creates the user. A refusal ends the
 * sign-in with an OAuth2 error whose code names the reason.
 */
@Component
class IdentitySignIns implements OAuth2UserService<OidcUserRequest, OidcUser> {

	/** The prefix of the error codes of a refusal; the rest is the reason's name. */
	static final String REFUSED = "console_refused_";

	private final OidcUserService oidc = new OidcUserService();

	private final IdentityProviders providers;

	private final UserService users;

	IdentitySignIns(IdentityProviders providers, UserService users) {
		this.providers = providers;
		this.users = users;
		// Spring Security's own user-info client, on the console's time-outs
		RestTemplate userInfo = new RestTemplate(providers.http());
		userInfo.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
		DefaultOAuth2UserService userInfoService = new DefaultOAuth2UserService();
		userInfoService.setRestOperations(userInfo);
		oidc.setOauth2UserService(userInfoService);
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser person = oidc.loadUser(request);
		String id = request.getClientRegistration().getRegistrationId();
		ConsoleProperties.IdentityProvider settings = providers.settings(id);
		List<String> groups = groups(person.getClaims().get(settings.groupsClaim()));
		Role role = groups.stream().anyMatch(settings.adminGroups()::contains) ? Role.ADMIN
				: groups.stream().anyMatch(settings.readOnlyGroups()::contains) ? Role.READ_ONLY : null;
		String name = person.getPreferredUsername() != null ? person.getPreferredUsername()
				: person.getEmail() != null ? person.getEmail() : person.getSubject();
		try {
			ConsoleUser user = users.signInThrough(
					new IdentitySignIn(id, AccountId.of(settings.account()), person.getSubject(), name, role));
			return new SignedIn(person, user);
		}
		catch (IdentitySignInRefusedException ex) {
			throw new OAuth2AuthenticationException(new OAuth2Error(REFUSED + ex.reason().name()));
		}
	}

	/** The groups claim as a list, whether the provider gives an array or one string. */
	private static List<String> groups(Object claim) {
		if (claim instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).toList();
		}
		return claim instanceof String value ? List.of(value) : List.of();
	}

	/** The identity provider's person, and the console user they signed in as. */
	static final class SignedIn extends DefaultOidcUser {

		private static final long serialVersionUID = 1L;

		private final ConsoleUser user;

		SignedIn(OidcUser person, ConsoleUser user) {
			super(user.getAuthorities(), person.getIdToken(), person.getUserInfo());
			this.user = user;
		}

		ConsoleUser user() {
			return user;
		}

	}

}
