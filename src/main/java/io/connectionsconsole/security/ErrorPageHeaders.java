package io.connectionsconsole.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;

/**
 * The console chain's security headers on the error page of a request refused before Spring Security saw it (a body
 * too large, too slow or cut short; the firewall's 400): Security writes them as a request passes its chain, and its
 * header writer skips the error dispatch that renders the page. An answer that has them already is left as it is.
 * An answer under way when its request failed (a Git stream the provider broke off) gets no page at all: the servlet
 * container would include it into that answer before closing the connection.
 */
final class ErrorPageHeaders implements Filter {

	/** The console chain's: Spring Security's defaults, its content security policy and referrer policy. */
	private static final List<HeaderWriter> WRITERS = List.of(new XContentTypeOptionsHeaderWriter(),
			new XXssProtectionHeaderWriter(), new CacheControlHeadersWriter(), new HstsHeaderWriter(),
			new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY),
			new ContentSecurityPolicyHeaderWriter(SecurityConfiguration.CONTENT_SECURITY_POLICY),
			new ReferrerPolicyHeaderWriter(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));

	/**
	 * Registered for error dispatches, and for includes, which is how the error page of an answer under way comes
	 * ({@code SecurityConfiguration.errorPageHeaders}).
	 */
	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getDispatcherType() == DispatcherType.INCLUDE) {
			if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
				chain.doFilter(request, response);
			}
			return;
		}
		HttpServletResponse answer = (HttpServletResponse) response;
		if (!answer.containsHeader("X-Content-Type-Options")) {
			WRITERS.forEach((writer) -> writer.writeHeaders((HttpServletRequest) request, answer));
		}
		chain.doFilter(request, response);
	}

}
