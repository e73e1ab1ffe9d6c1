package io.connectionsconsole.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in while its user name or address is throttled, before its password is looked at: the sign-in page
 * then says for how many minutes. Stands before Spring Security's form login in the console's filter chain.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

	private final SignInThrottle throttle;

	SignInThrottleFilter(SignInThrottle throttle) {
		this.throttle = throttle;
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
		Optional<Duration> refusal = throttle.refusal(username, request.getRemoteAddr());
		if (refusal.isPresent()) {
			throttle.refused(username, request.getRemoteAddr(), refusal.get());
			response.sendRedirect(SignInFailureHandler.throttledUrl(request, refusal.get()));
			return;
		}
		chain.doFilter(request, response);
	}

}
