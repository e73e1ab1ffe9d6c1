package io.connectionsconsole.handshake;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

import io.connectionsconsole.crypto.SecretCipher;

/**
 * Opens a shared handshake link: the secret in its path goes into the session, encrypted, and the browser on to
 * {@value HandshakeLinkController#LINK_PATH}, the page without it, which needs a signed-in user. It runs before Spring
 * Security and Spring MVC, so neither their debug logs nor the request Spring Security saves for after sign-in ever
 * hold the secret, and the address bar no longer shows it. It runs after Spring Session's filter, whose session it
 * uses.
 */
final class HandshakeLinkFilter extends OncePerRequestFilter {

	/** Where shared links point; the secret follows. */
	static final String PREFIX = HandshakeLinkController.LINK_PATH + "/";

	/** A link secret as the console makes them: 32 bytes, URL-safe Base64 without padding. */
	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

	private final SecretCipher cipher;

	HandshakeLinkFilter(SecretCipher cipher) {
		this.cipher = cipher;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) || !pathOf(request).startsWith(PREFIX);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String token = pathOf(request).substring(PREFIX.length());
		if (TOKEN.matcher(token).matches()) {
			request.getSession().setAttribute(HandshakeLinkController.SESSION_ATTRIBUTE, cipher.encrypt(token));
		}
		else if (request.getSession(false) != null) {
			// A link that can't be one: the page it leads to says so, rather than offering an older link.
			request.getSession(false).removeAttribute(HandshakeLinkController.SESSION_ATTRIBUTE);
		}
		response.sendRedirect(request.getContextPath() + HandshakeLinkController.LINK_PATH);
	}

	private static String pathOf(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		/** Just before Spring Security's filter chain. */
		@Bean
		FilterRegistrationBean<HandshakeLinkFilter> handshakeLinkFilter(SecretCipher cipher) {
			FilterRegistrationBean<HandshakeLinkFilter> registration = new FilterRegistrationBean<>(
					new HandshakeLinkFilter(cipher));
			registration.addUrlPatterns(PREFIX + "*");
			registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
			return registration;
		}

	}

}
