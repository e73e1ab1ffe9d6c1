package io.connectionsconsole.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * {@code /error} is where the servlet container renders the error of another request. Asked for directly, it has no
 * error to show (Spring Boot would call that a 500): it is a page that does not exist, and the answer is the 404 page.
 * Error dispatches pass, since this filter sees requests only.
 */
@Component
@Order(FilterOrder.DIRECT_ERROR_REQUESTS)
final class DirectErrorRequests extends OncePerRequestFilter {

	private static final String ERROR_PATH = "/error";

	/** The path as Spring MVC and Spring Security match it: decoded ({@code /%65rror} too), without path parameters. */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !UrlPathHelper.defaultInstance.getPathWithinApplication(request).equals(ERROR_PATH);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException {
		response.sendError(HttpServletResponse.SC_NOT_FOUND);
	}

}
