package io.connectionsconsole.web;

import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.UrlPathHelper;

/** The path of a request as the servlet container matched it. */
public final class RequestPaths {

	private RequestPaths() {
	}

	/**
	 * The path the servlet container matched filters and the servlet to (its servlet path and path info): decoded,
	 * without path parameters and dot segments, so that {@code /a/lin%6B/…}, {@code /a/link;x/…} or {@code /a/./link/…}
	 * is {@code /a/link/…}. A request made without a container (a test's) has none: then the path within the
	 * application, decoded.
	 */
	public static String matched(HttpServletRequest request) {
		String matched = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
		return matched.isEmpty() ? UrlPathHelper.defaultInstance.getPathWithinApplication(request) : matched;
	}

}
