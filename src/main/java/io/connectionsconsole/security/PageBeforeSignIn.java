package io.connectionsconsole.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Remembers the page a visitor opened before signing in, so that signing in lands there, in an HttpOnly cookie: the
 * database holds nothing for a visitor. Spring Security's cookie cache would also stand the remembered request in for
 * the next request to the same address; it keeps only the address, so that request would lose its own headers (its
 * {@code Accept}, and with it the redirect to sign in). Here the next request is served as it came, and the cookie is
 * dropped at sign-in.
 */
final class PageBeforeSignIn extends CookieRequestCache {

	PageBeforeSignIn(RequestMatcher pageVisits) {
		setRequestMatcher(pageVisits);
		setCookieCustomizer((cookie) -> cookie.setAttribute("SameSite", "Lax"));
	}

	@Override
	public HttpServletRequest getMatchingRequest(HttpServletRequest request, HttpServletResponse response) {
		return null;
	}

}
