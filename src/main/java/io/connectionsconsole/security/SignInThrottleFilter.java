package io.connectionsconsole.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts a sign-in before its password is looked at, and refuses it while its user name, address or device is
 * throttled: the sign-in page then says for how many minutes. The counted attempt travels with the request to the
 * success and failure handlers, which settle it. Stands before Spring Security's form login in the console's filter
 * chain.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

	/** The request attribute that holds the sign-in's {@link SignInThrottle.Attempt}. */
	private static final String ATTEMPT = SignInThrottleFilter.class.getName() + ".attempt";

	private final SignInThrottle throttle;

	private final DeviceCookies deviceCookies;

	SignInThrottleFilter(SignInThrottle throttle, DeviceCookies deviceCookies) {
		this.throttle = throttle;
		this.deviceCookies = deviceCookies;
	}

	/** The attempt this filter counted for the sign-in being handled. */
	static SignInThrottle.Attempt attempt(HttpServletRequest request) {
		if (request.getAttribute(ATTEMPT) instanceof SignInThrottle.Attempt attempt) {
			return attempt;
		}
		throw new IllegalStateException("A sign-in reached its password check without being counted");
	}

	private static final RequestMatcher SIGN_IN = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, SecurityConfiguration.LOGIN_URL);

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !SIGN_IN.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String username = SignInFailureHandler.username(request);
		String address = request.getRemoteAddr();
		switch (throttle.admit(username, address, deviceCookies.nonce(request, username))) {
			case SignInThrottle.Admission.Refused(var retryAfter) -> {
				throttle.refused(username, address, retryAfter);
				response.sendRedirect(SignInFailureHandler.throttledUrl(request, retryAfter));
			}
			case SignInThrottle.Admission.Admitted(var attempt) -> {
				request.setAttribute(ATTEMPT, attempt);
				chain.doFilter(request, response);
			}
		}
	}

}
