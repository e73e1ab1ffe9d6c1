package io.connectionsconsole.provider;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.CheckTrigger;
import io.connectionsconsole.connection.ConnectionCredentials;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionService;

/**
 * Reads what an available connection can read at its provider, with its stored token: the repositories, and the
 * branches of one of them. This is what a deployment service does with a connection, so each read is also a check:
 * an expired token is refreshed first, a rejected one makes the connection {@code ERROR}, and what the read found is
 * recorded like a check's. A provider that is down or slow changes no status. No database transaction is open while
 * the provider is asked. A listing read lately is shown again, or revalidated, from {@link ListingCache}: such a read,
 * and one held back by the provider's rate limit, asks the provider nothing and records nothing.
 */
@Service
class RepositoryBrowser {

	private static final Logger log = LoggerFactory.getLogger(RepositoryBrowser.class);

	private static final String REPOSITORIES = "repositories";

	private static final Comparator<Repo> BY_NAME = Comparator.comparing(Repo::fullName, String.CASE_INSENSITIVE_ORDER);

	private final ConnectionService connections;

	private final ProviderCalls calls;

	private final ProviderApi api;

	private final ListingCache cache;

	RepositoryBrowser(ConnectionService connections, ProviderCalls calls, ProviderApi api, ListingCache cache) {
		this.connections = connections;
		this.calls = calls;
		this.api = api;
		this.cache = cache;
	}

	/** The repositories the connection can read, by name. */
	RepositoryRead<Repo> repositories(Caller caller, ConnectionId id) {
		ConnectionCredentials credentials = connections.credentialsForRead(caller, id);
		Listing<Repo> fresh = cache.fresh(credentials, REPOSITORIES);
		if (fresh != null) {
			return read(credentials, CheckOutcome.OK, sorted(fresh.items()), fresh.truncated());
		}
		Listing<Repo> previous = cache.previous(credentials, REPOSITORIES);
		ProviderCalls.Answer<Listing<Repo>> answer = calls.call(credentials,
				(client, token) -> api.repositories(client, token, previous));
		record(caller, answer);
		Listing<Repo> listing = answer.value();
		if (listing == null) {
			return failed(credentials, answer);
		}
		cache.put(answer.credentials(), REPOSITORIES, listing);
		return read(credentials, answer.outcome(), sorted(listing.items()), listing.truncated());
	}

	/** The branches of one repository the connection can read, in the provider's order. */
	RepositoryRead<Branch> branches(Caller caller, ConnectionId id, RepoName repository) {
		ConnectionCredentials credentials = connections.credentialsForRead(caller, id);
		String key = "branches " + repository.fullName();
		Listing<Branch> fresh = cache.fresh(credentials, key);
		if (fresh != null) {
			return read(credentials, CheckOutcome.OK, fresh.items(), fresh.truncated());
		}
		Listing<Branch> previous = cache.previous(credentials, key);
		ProviderCalls.Answer<Optional<Listing<Branch>>> answer = calls.call(credentials,
				(client, token) -> api.branches(client, token, repository, previous));
		record(caller, answer);
		if (answer.value() == null) {
			return failed(credentials, answer);
		}
		answer.value().ifPresent((listing) -> cache.put(answer.credentials(), key, listing));
		return answer.value()
			.map((listing) -> read(credentials, answer.outcome(), listing.items(), listing.truncated()))
			.orElseGet(() -> new RepositoryRead<>(credentials.connection(), answer.outcome(), false, List.of(), false,
					null));
	}

	private static List<Repo> sorted(List<Repo> repositories) {
		return repositories.stream().sorted(BY_NAME).toList();
	}

	private static <T> RepositoryRead<T> read(ConnectionCredentials credentials, CheckOutcome outcome, List<T> items,
			boolean truncated) {
		return new RepositoryRead<>(credentials.connection(), outcome, true, items, truncated, null);
	}

	private void record(Caller caller, ProviderCalls.Answer<?> answer) {
		if (!answer.asked()) {
			return;
		}
		connections.recordCheck(answer.credentials(), answer.outcome(), CheckTrigger.REPOSITORY_READ,
				caller.username());
		if (!answer.outcome().ok()) {
			log.info("Repository read of {} by {}: {}", answer.credentials().connection().arn(), caller.username(),
					answer.outcome());
		}
	}

	private static <T> RepositoryRead<T> failed(ConnectionCredentials credentials, ProviderCalls.Answer<?> answer) {
		return new RepositoryRead<>(credentials.connection(), answer.outcome(), true, List.of(), false,
				answer.retryAt());
	}

}
