package io.connectionsconsole.connection;

/**
 * Which live connections of a region to list: an exact name (the API's filter), a part of the name (the
 * console's text filter), the name after which a page starts, and a page size.
 */
public record ConnectionQuery(String nameEquals, String nameContains, String afterName, int offset, int limit) {

	public static ConnectionQuery all() {
		return new ConnectionQuery(null, null, null, 0, Integer.MAX_VALUE);
	}

	public static ConnectionQuery apiPage(String nameEquals, String afterName, int limit) {
		return new ConnectionQuery(nameEquals, null, afterName, 0, limit);
	}

	public static ConnectionQuery consolePage(String nameContains, int offset, int limit) {
		return new ConnectionQuery(null, nameContains, null, offset, limit);
	}

}
