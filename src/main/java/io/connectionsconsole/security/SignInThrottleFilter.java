package io.connectionsconsole.security;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import io.connectionsconsole.monitoring.RequestLog;

/**
 * Counts a sign-in before its password is looked at, and refuses it while its user name, address or device is
 * throttled; as form login's failure handler, settles a failed one with the throttle. The counted attempt travels with
 * the request to the success and failure handlers. Stands before Spring Security's form login in the console's filter
 * chain.
 */
final class SignInThrottleFilter extends OncePerRequestFilter implements AuthenticationFailureHandler {

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
		String username = request.getParameter(UsernamePasswordAuthenticationFilter.SPRING_SECURITY_FORM_USERNAME_KEY);
		// trimmed as Spring Security trims it before it looks the user up
		username = username == null ? "" : username.trim();
		String address = request.getRemoteAddr();
		switch (throttle.admit(username, address, deviceCookies.nonce(request, username))) {
			case SignInThrottle.Admission.Refused refusal -> {
				RequestLog.reason("throttled");
				throttle.refused(username, address, refusal);
				response.sendRedirect(throttledUrl(request, refusal.retryAfter()));
			}
			case SignInThrottle.Admission.Admitted(var attempt) -> {
				request.setAttribute(ATTEMPT, attempt);
				chain.doFilter(request, response);
			}
		}
	}

	/** Back to the sign-in page with {@code ?error}, or once this failure used up the allowance, the throttled one. */
	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		// the request's line says how the sign-in ended, as the audit trail does (a name that is no user's included)
		RequestLog.reason(exception instanceof DisabledException ? "user-disabled" : "bad-credentials");
		response.sendRedirect(throttle.failed(attempt(request))
			.map((wait) -> throttledUrl(request, wait))
			.orElse(request.getContextPath() + SecurityConfiguration.LOGIN_URL + "?error"));
	}

	/** The sign-in page saying for how many minutes sign-ins are refused. */
	private static String throttledUrl(HttpServletRequest request, Duration wait) {
		return request.getContextPath() + SecurityConfiguration.LOGIN_URL + "?throttled=" + SignInThrottle.minutes(wait);
	}

}
