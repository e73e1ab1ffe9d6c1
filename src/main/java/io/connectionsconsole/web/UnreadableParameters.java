package io.connectionsconsole.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A query string Tomcat can't decode (not percent-encoded UTF-8, or too many parameters) fails whatever first reads a
 * parameter, Spring Security or a page: it is a request not valid (400), not a failure of the console's, and neither
 * its values (a provider's code or state, perhaps) nor a stack trace go to the log.
 */
@Component
@Order(FilterOrder.UNREADABLE_PARAMETERS)
final class UnreadableParameters extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | RuntimeException ex) {
			if (!unreadableParameters(ex) || response.isCommitted()) {
				throw ex;
			}
			response.sendError(HttpServletResponse.SC_BAD_REQUEST,
					"The request's parameters could not be read: its query string is not percent-encoded UTF-8.");
		}
	}

	private static boolean unreadableParameters(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidParameterException) {
				return true;
			}
		}
		return false;
	}

}
