package io.connectionsconsole.provider;

import java.net.URI;
import java.util.List;

/**
 * What a provider listed, page after page as it pages them; {@code truncated} when there were more pages or items
 * than the console reads ({@link ProviderApi#MAX_PAGES}, {@link ProviderApi#MAX_ITEMS}). Each page keeps its
 * {@code ETag}, so that reading the listing again asks only whether each page changed.
 */
record Listing<T>(List<Page<T>> pages, boolean truncated) {

	List<T> items() {
		return pages.stream().flatMap((page) -> page.items().stream()).toList();
	}

	/** The page read from {@code uri}; null when there is none. */
	Page<T> page(URI uri) {
		return pages.stream().filter((page) -> page.uri().equals(uri) && page.etag() != null).findFirst().orElse(null);
	}

	/** One page: where it was read, its {@code ETag} (null without one), its items, and where the next one is. */
	record Page<T>(URI uri, String etag, List<T> items, URI next) {
	}

}
