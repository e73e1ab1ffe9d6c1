package io.connectionsconsole.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The two answers of one console URL: the full page for a browser navigation, or only the part that
 * changes for an htmx request (which swaps it into the page in place).
 */
public final class Htmx {

	private Htmx() {
	}

	public static boolean isRequest(HttpServletRequest request) {
		return "true".equals(request.getHeader("HX-Request"));
	}

	/** {@code view} for a full page; {@code view :: fragment} for htmx. */
	public static String view(HttpServletRequest request, String view, String fragment) {
		return isRequest(request) ? view + " :: " + fragment : view;
	}

	/** Tells htmx which URL to show in the address bar for the fragment it receives. */
	public static void pushUrl(HttpServletRequest request, HttpServletResponse response, String url) {
		if (isRequest(request)) {
			response.setHeader("HX-Push-Url", url);
		}
	}

}
