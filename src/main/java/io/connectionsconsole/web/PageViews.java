package io.connectionsconsole.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;

/**
 * The view that answers a request for a page: the whole page for a browser, and for htmx (a link or form inside
 * {@code <main>}, which the layout boosts) only the page's {@code page} fragment, which htmx swaps into {@code <main>}.
 * One handler serves both, where the two answers need the same model.
 */
public final class PageViews {

	/** The fragment of a page template that holds what goes into {@code <main>}. */
	public static final String PAGE_FRAGMENT = " :: page";

	private PageViews() {
	}

	public static String of(String view, HtmxRequest htmx) {
		return htmx.isHtmxRequest() ? view + PAGE_FRAGMENT : view;
	}

}
