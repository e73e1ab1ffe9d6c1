package io.connectionsconsole.provider;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.CheckTrigger;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionCredentials;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.error.InvalidInputException;

/**
 * The checks of a connection's token at its provider: the one a user asks for (Check connection), the periodic one, and
 * the reads of what the connection can read (its repositories, the branches of one of them), since reading is what a
 * deployment service does with a connection. What the provider said is stored through {@link ConnectionService}, which
 * holds the rules: an expired token is refreshed first, a rejected one makes the connection {@code ERROR}, a provider
 * that is down or slow changes no status. No database transaction is open while the provider is asked. Checks are
 * counted by provider, outcome and trigger ({@code console.checks}). A listing read lately is shown again, or
 * revalidated, from {@link ListingCache}: such a read, and one held back by the provider's rate limit, asks the
 * provider nothing and records nothing.
 */
@Service
public class ConnectionChecks {

	private static final Logger log = LoggerFactory.getLogger(ConnectionChecks.class);

	/** Who the audit trail names for the periodic check. */
	public static final String PERIODIC_CHECK = "periodic-check";

	private static final String REPOSITORIES = "repositories";

	private static final Comparator<Repo> BY_NAME = Comparator.comparing(Repo::fullName, String.CASE_INSENSITIVE_ORDER);

	private final ConnectionService connections;

	private final ProviderCalls calls;

	private final ProviderApi api;

	private final ListingCache cache;

	private final MeterRegistry meters;

	ConnectionChecks(ConnectionService connections, ProviderCalls calls, ProviderApi api, ListingCache cache,
			MeterRegistry meters) {
		this.connections = connections;
		this.calls = calls;
		this.api = api;
		this.cache = cache;
		this.meters = meters;
	}

	/** The check a user asked for, of one of their account's {@code AVAILABLE} connections. */
	public CheckResult check(Caller caller, ConnectionId id) {
		ConnectionCredentials credentials = connections.credentialsForCheck(caller, id);
		ProviderCalls.Answer<Boolean> answer = check(credentials, CheckTrigger.ON_DEMAND, caller.username());
		return new CheckResult(credentials.connection(), answer.outcome(), answer.retryAt());
	}

	/**
	 * The periodic check: every {@code AVAILABLE} connection not checked within {@code interval}, one after
	 * the other. A connection another console instance took meanwhile is skipped. Answers how many it checked.
	 */
	public int checkDue(Duration interval) {
		int checked = 0;
		for (Connection due : connections.dueForCheck(interval)) {
			try {
				Optional<ConnectionCredentials> claimed = connections.claimForCheck(due, interval);
				if (claimed.isPresent()) {
					check(claimed.get(), CheckTrigger.PERIODIC, PERIODIC_CHECK);
					checked++;
				}
			}
			catch (RuntimeException ex) {
				// One connection that can't be checked (deleted meanwhile, unreadable) must not stop the others.
				log.warn("Periodic check of {} failed: {}", due.arn(), ex.getMessage());
			}
		}
		return checked;
	}

	/** Asks the provider about the token and records what it said; a call held back by a rate limit records nothing. */
	private ProviderCalls.Answer<Boolean> check(ConnectionCredentials credentials, CheckTrigger trigger, String actor) {
		ProviderCalls.Answer<Boolean> answer = calls.call(credentials, (client, token) -> {
			api.verify(client, token);
			return true;
		});
		if (answer.asked()) {
			connections.recordCheck(answer.credentials(), answer.outcome(), trigger, actor);
		}
		Connection connection = credentials.connection();
		meters.counter("console.checks", "provider", connection.providerType().registrationId(), "outcome",
				answer.outcome().name(), "trigger", trigger == CheckTrigger.PERIODIC ? "periodic" : "user").increment();
		if (answer.outcome().ok()) {
			log.debug("Check of {} by {}: token accepted", connection.arn(), actor);
		}
		else {
			log.info("Check of {} by {}: {}", connection.arn(), actor, answer.outcome());
		}
		return answer;
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

	/**
	 * Refuses, with what the provider said, a repository that the connection can't read: one the provider doesn't know
	 * (or doesn't show this token), or any answer that isn't a listing of its branches.
	 */
	public void requireRepository(Caller caller, ConnectionId id, RepoName repository) {
		RepositoryRead<Branch> read = branches(caller, id, repository);
		if (!read.outcome().ok()) {
			throw new InvalidInputException("Repository", "The provider could not be asked about "
					+ repository.fullName() + " (" + read.outcome() + "): try again, or check the connection.");
		}
		if (!read.found()) {
			throw new InvalidInputException("Repository", "Connection " + read.connection().name().value()
					+ " can't read repository " + repository.fullName() + " at its provider.");
		}
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
