package io.connectionsconsole.connection;

import org.springframework.web.util.UriTemplate;

/** The addresses of a Region's Connected accounts page and of a connection's details, for redirects made in code. */
public final class ConnectionUrls {

	private static final UriTemplate LIST = new UriTemplate("/connections?region={region}");

	private static final UriTemplate DETAILS = new UriTemplate("/connections/{id}");

	private ConnectionUrls() {
	}

	/** The Region's Connected accounts page. */
	public static String list(String region) {
		return LIST.expand(region).toString();
	}

	public static String details(ConnectionId id) {
		return DETAILS.expand(id.value()).toString();
	}

}
