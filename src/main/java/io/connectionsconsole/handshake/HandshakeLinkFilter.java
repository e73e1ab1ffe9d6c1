package io.connectionsconsole.handshake;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import io.connectionsconsole.crypto.SecretCipher;
import io.connectionsconsole.web.FilterOrder;
import io.connectionsconsole.web.RequestPaths;

/**
 * Opens a shared handshake link: the secret in its path goes into a cookie, encrypted, and the browser on to
 * {@value HandshakeLinkController#LINK_PATH}, the page without it, which needs a signed-in user. A cookie rather than
 * the session, because a visitor who has not signed in has no session, and a link opened anonymously must not make
 * one: the database holds nothing for anonymous requests, however many. The cookie is HttpOnly, {@code SameSite=Lax},
 * sent to the link's path only, Secure over HTTPS, and lasts {@link #COOKIE_LIFETIME}, long enough to sign in.
 *
 * <p>It runs before Spring Security and Spring MVC, so neither their debug logs nor the request Spring Security saves
 * for after sign-in ever hold the secret, and the address bar no longer shows it. Its redirect carries the headers
 * Spring Security writes on every console page ({@code Cache-Control: no-store}, {@code Referrer-Policy}, ...), by
 * Spring Security's own header writer.
 */
final class HandshakeLinkFilter extends OncePerRequestFilter {

	/** Where shared links point; the secret follows. */
	static final String PREFIX = HandshakeLinkController.LINK_PATH + "/";

	/** The cookie that carries the encrypted secret of the link just opened to the page behind the sign-in. */
	static final String COOKIE = "HANDSHAKE_LINK";

	static final Duration COOKIE_LIFETIME = Duration.ofMinutes(30);

	/** A link secret as the console makes them: 32 bytes, URL-safe Base64 without padding. */
	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

	private final SecretCipher cipher;

	private final ObjectProvider<SecurityFilterChain> securityChains;

	HandshakeLinkFilter(SecretCipher cipher, ObjectProvider<SecurityFilterChain> securityChains) {
		this.cipher = cipher;
		this.securityChains = securityChains;
	}

	/**
	 * The path as the servlet container matched this filter to it, so that a link written otherwise
	 * ({@code /connections/handshake/lin%6B/…}, {@code …/link;x/…}, {@code …/./link/…}) is sealed as the link it is.
	 */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !RequestPaths.matched(request).startsWith(PREFIX);
	}

	/**
	 * Whatever its method, the link's path goes no further than here, where its secret is sealed: a HEAD (as link
	 * previews send) is answered as a GET, any other method refused without a page, whose error dispatch and the
	 * security chain's debug lines would write the path.
	 */
	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
			response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
			response.setHeader(HttpHeaders.ALLOW, "GET, HEAD");
			return;
		}
		String token = RequestPaths.matched(request).substring(PREFIX.length());
		// A link that can't be one clears the cookie: the page it leads to says so, rather than offering an older link.
		String sealed = TOKEN.matcher(token).matches() ? cipher.encrypt(token) : "";
		response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, sealed).toString());
		if (request.getSession(false) != null) {
			// A signed-in visitor's session may hold an older link; the one just opened replaces it.
			request.getSession(false).removeAttribute(HandshakeLinkController.SESSION_ATTRIBUTE);
		}
		headerWriter(request).doFilter(request, response, (req, res) -> ((HttpServletResponse) res)
			.sendRedirect(request.getContextPath() + HandshakeLinkController.LINK_PATH));
	}

	/** The link cookie holding {@code sealed}; empty, it clears the cookie. */
	static ResponseCookie cookie(HttpServletRequest request, String sealed) {
		return ResponseCookie.from(COOKIE, sealed)
			.path(request.getContextPath() + HandshakeLinkController.LINK_PATH)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.maxAge(sealed.isEmpty() ? Duration.ZERO : COOKIE_LIFETIME)
			.build();
	}

	/** The header writer of the security filter chain that serves this path, as it serves the console's pages. */
	private Filter headerWriter(HttpServletRequest request) {
		return securityChains.orderedStream()
			.filter((securityChain) -> securityChain.matches(request))
			.findFirst()
			.flatMap((securityChain) -> securityChain.getFilters()
				.stream()
				.filter(HeaderWriterFilter.class::isInstance)
				.findFirst())
			.orElseThrow(() -> new IllegalStateException("No security header writer for " + HandshakeLinkController.LINK_PATH));
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		/** Just before Spring Security's filter chain. */
		@Bean
		FilterRegistrationBean<HandshakeLinkFilter> handshakeLinkFilter(SecretCipher cipher,
				ObjectProvider<SecurityFilterChain> securityChains) {
			FilterRegistrationBean<HandshakeLinkFilter> registration = new FilterRegistrationBean<>(
					new HandshakeLinkFilter(cipher, securityChains));
			registration.addUrlPatterns(PREFIX + "*");
			registration.setOrder(FilterOrder.HANDSHAKE_LINK);
			return registration;
		}

	}

}
