package io.connectionsconsole.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * A failed sign-in, counted already before its password was checked, is settled with the throttle (audited); back to
 * the sign-in page with {@code ?error}, or with {@code ?throttled=N} (minutes) once this failure has used up what the
 * throttle allows.
 */
final class SignInFailureHandler implements AuthenticationFailureHandler {

	/** The query parameter of the sign-in page that says for how many minutes sign-ins are refused. */
	static final String THROTTLED_PARAMETER = "throttled";

	private final SignInThrottle throttle;

	SignInFailureHandler(SignInThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		Optional<Duration> refusal = throttle.failed(SignInThrottleFilter.attempt(request));
		response.sendRedirect(refusal.map((wait) -> throttledUrl(request, wait))
			.orElse(request.getContextPath() + SecurityConfiguration.LOGIN_URL + "?error"));
	}

	static String username(HttpServletRequest request) {
		String username = request.getParameter(UsernamePasswordAuthenticationFilter.SPRING_SECURITY_FORM_USERNAME_KEY);
		// trimmed as Spring Security trims it before it looks the user up
		return username == null ? "" : username.trim();
	}

	static String throttledUrl(HttpServletRequest request, Duration wait) {
		return request.getContextPath() + SecurityConfiguration.LOGIN_URL + "?" + THROTTLED_PARAMETER + "="
				+ SignInThrottle.minutes(wait);
	}

}
