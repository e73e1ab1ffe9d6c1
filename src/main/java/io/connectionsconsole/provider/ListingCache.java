package io.connectionsconsole.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.connectionsconsole.connection.ConnectionCredentials;
import io.connectionsconsole.connection.ConnectionDeleted;
import io.connectionsconsole.connection.ConnectionId;

/**
 * The listings (repositories, a repository's branches) each connection read lately, in memory on this console
 * instance: for {@link #FRESH} a listing is shown again without asking the provider; after that it is read again page
 * by page with each page's {@code ETag}, which GitHub answers with 304 for an unchanged page without counting it
 * against its rate limit.
 *
 * <p>A listing is kept under its connection and stored tokens (their stamp): it is never shown for another
 * connection, and a listing read with tokens since replaced (a new handshake, a refresh) is dropped, with the rest of
 * that connection's, the next time the connection is read. A deleted connection's listings are dropped at once; on
 * other instances they can't be reached, since only a live, available connection is read. Unused, a listing goes
 * after an hour.
 */
@Component
class ListingCache {

	/** How long a listing is shown again without asking the provider. */
	static final Duration FRESH = Duration.ofSeconds(60);

	/** The most items kept across every listing, so that memory stays bounded however many connections are read. */
	private static final long MAX_ITEMS = 200_000;

	private final Cache<Key, Entry> entries = Caffeine.newBuilder()
		.maximumWeight(MAX_ITEMS)
		.weigher((Key key, Entry entry) -> 1 + entry.listing().items().size())
		.expireAfterAccess(Duration.ofHours(1))
		.build();

	private final Clock clock;

	ListingCache(Clock clock) {
		this.clock = clock;
	}

	/** The listing read within {@link #FRESH} with these credentials; null when there is none. */
	<T> Listing<T> fresh(ConnectionCredentials credentials, String listing) {
		Entry entry = current(credentials, listing);
		return entry == null || entry.readAt().plus(FRESH).isBefore(clock.instant()) ? null : entry.typed();
	}

	/** The listing read before with these credentials, however long ago, to revalidate; null when there is none. */
	<T> Listing<T> previous(ConnectionCredentials credentials, String listing) {
		Entry entry = current(credentials, listing);
		return entry == null ? null : entry.typed();
	}

	void put(ConnectionCredentials credentials, String listing, Listing<?> read) {
		entries.put(new Key(credentials.connection().id(), listing),
				new Entry(credentials.stamp(), clock.instant(), read));
	}

	@EventListener
	void deleted(ConnectionDeleted deleted) {
		forget(deleted.id());
	}

	private Entry current(ConnectionCredentials credentials, String listing) {
		ConnectionId id = credentials.connection().id();
		Entry entry = entries.getIfPresent(new Key(id, listing));
		if (entry != null && !entry.stamp().equals(credentials.stamp())) {
			forget(id);
			return null;
		}
		return entry;
	}

	private void forget(ConnectionId id) {
		entries.asMap().keySet().removeIf((key) -> key.connection().equals(id));
	}

	private record Key(ConnectionId connection, String listing) {
	}

	private record Entry(String stamp, Instant readAt, Listing<?> listing) {

		@SuppressWarnings("unchecked")
		<T> Listing<T> typed() {
			return (Listing<T>) listing;
		}

	}

}
