package io.connectionsconsole.connection;

import org.springframework.web.util.UriTemplate;

/** The addresses of a Region's Connected accounts page and of a connection's details, for redirects made in code. */
public final class ConnectionUrls {

	private static final UriTemplate LIST = new UriTemplate("/connections?region={region}");

	private static final UriTemplate DETAILS = new UriTemplate("/connections/{id}");

	/** What the details page's Actions send as {@code back}. */
	public static final String BACK_TO_DETAILS = "details";

	private ConnectionUrls() {
	}

	/** The Region's Connected accounts page. */
	public static String list(String region) {
		return LIST.expand(region).toString();
	}

	public static String details(ConnectionId id) {
		return DETAILS.expand(id.value()).toString();
	}

	/**
	 * Where an action on connection {@code id} goes back to: its details page for {@code back=details}, which the
	 * details page's Actions send, else the Region's Connected accounts page.
	 */
	public static String back(String back, ConnectionId id, String region) {
		return BACK_TO_DETAILS.equals(back) ? details(id) : list(region);
	}

}
