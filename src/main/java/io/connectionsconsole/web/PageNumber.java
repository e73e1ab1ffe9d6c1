package io.connectionsconsole.web;

/** The page of a paged list a request asks for. */
public final class PageNumber {

	private PageNumber() {
	}

	/**
	 * The page asked for; a page that is not a number is the first, as a page past the last is the last. A link
	 * changed by hand gets a page rather than an error.
	 */
	public static int of(String page) {
		try {
			return Integer.parseInt(page.strip());
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

}
