package io.connectionsconsole.provider;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.BiConsumer;

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
 * the reads of its repositories and their branches, since reading is what a deployment service does with a connection.
 * What the provider said is stored through {@link ConnectionService}, which holds the rules; no database transaction is
 * open while the provider is asked. A listing read lately comes from {@link ListingCache}: such a read, and one held
 * back by the provider's rate limit, asks the provider nothing and records nothing.
 */
@Service
public class ConnectionChecks {

	private static final Logger log = LoggerFactory.getLogger(ConnectionChecks.class);

	/** Who the audit trail names for the periodic check. */
	public static final String PERIODIC_CHECK = "periodic-check";

	private final ConnectionService connections;

	private final ProviderCalls calls;

	private final ProviderApi api;

	private final ListingCache cache;

	private final GitHubInstallations installations;

	private final MeterRegistry meters;

	ConnectionChecks(ConnectionService connections, ProviderCalls calls, ProviderApi api, ListingCache cache,
			GitHubInstallations installations, MeterRegistry meters) {
		this.connections = connections;
		this.calls = calls;
		this.api = api;
		this.cache = cache;
		this.installations = installations;
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
		return checkDue(interval, () -> false);
	}

	/**
	 * {@link #checkDue(Duration)}, ending before the next connection once {@code stopping}: a console asked to stop
	 * finishes the check under way, whose refreshed token must be stored, and starts no other.
	 */
	int checkDue(Duration interval, BooleanSupplier stopping) {
		int checked = 0;
		for (Connection due : connections.dueForCheck(interval)) {
			if (stopping.getAsBoolean()) {
				log.info("Periodic check ended after {} connections: the console is stopping", checked);
				break;
			}
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
			log.info("Check of {} by {}: {}", connection.arn(), actor, answer.said());
		}
		return answer;
	}

	/** The repositories the connection can read, in the provider's order. */
	RepositoryRead<Repo> repositories(Caller caller, ConnectionId id) {
		return read(caller, id, "repositories",
				(client, token, previous) -> Optional.of(api.repositories(client, token, previous)),
				this::countInstallationRepositories);
	}

	/** A GitHub App connection's whole listing is its installation's: its count is the one the details page shows. */
	private void countInstallationRepositories(ConnectionCredentials read, Listing<Repo> listing) {
		Long installation = read.connection().installationId();
		if (installation != null && !listing.truncated()) {
			installations.counted(installation, listing.items().size());
		}
	}

	/** The branches of one repository the connection can read, in the provider's order. */
	RepositoryRead<Branch> branches(Caller caller, ConnectionId id, RepoName repository) {
		return read(caller, id, "branches " + repository.fullName(),
				(client, token, previous) -> api.branches(client, token, repository, previous), (read, listing) -> {
				});
	}

	/**
	 * A listing kept under {@code key}: from the cache while it is fresh, else from the provider, revalidating what
	 * the cache has, and then handed to {@code readFromProvider}. Not found when the provider read answers empty.
	 */
	private <T> RepositoryRead<T> read(Caller caller, ConnectionId id, String key, ListingRead<T> listingRead,
			BiConsumer<ConnectionCredentials, Listing<T>> readFromProvider) {
		ConnectionCredentials credentials = connections.credentialsForRead(caller, id);
		Listing<T> fresh = cache.fresh(credentials, key);
		if (fresh != null) {
			return found(CheckOutcome.OK, fresh);
		}
		Listing<T> previous = cache.previous(credentials, key);
		ProviderCalls.Answer<Optional<Listing<T>>> answer = calls.call(credentials,
				(client, token) -> listingRead.read(client, token, previous));
		record(caller, answer);
		if (answer.value() == null) {
			return new RepositoryRead<>(answer.outcome(), true, List.of(), false, answer.retryAt());
		}
		answer.value().ifPresent((listing) -> {
			cache.put(answer.credentials(), key, listing);
			readFromProvider.accept(answer.credentials(), listing);
		});
		return answer.value()
			.map((listing) -> found(answer.outcome(), listing))
			.orElseGet(() -> new RepositoryRead<>(answer.outcome(), false, List.of(), false, null));
	}

	/**
	 * Refuses, with what the provider said, a repository that the connection can't read: one the provider doesn't know
	 * (or doesn't show this token), or any answer that isn't a listing of its branches; in the GitHub App mode, one of
	 * another account than the installation's.
	 */
	public void requireRepository(Caller caller, ConnectionId id, RepoName repository) {
		// An installation's token reads any public repository, but a clone's token is narrowed to the installation's own.
		Long installation = connections.get(caller, id).installationId();
		Optional<GitHubInstallations.Installation> through = installation == null ? Optional.empty()
				: installations.find(installation);
		if (through.isPresent() && !repository.owner().equalsIgnoreCase(through.get().account())) {
			throw new InvalidInputException("Repository", "This connection reads through the GitHub App's installation on "
					+ through.get().account() + ": only its repositories can be linked, not " + repository.fullName() + ".");
		}
		RepositoryRead<Branch> read = branches(caller, id, repository);
		if (!read.outcome().ok()) {
			throw new InvalidInputException("Repository", "The provider could not be asked about "
					+ repository.fullName() + " (" + read.outcome() + "): try again, or check the connection.");
		}
		if (!read.found()) {
			throw new InvalidInputException("Repository",
					"This connection can't read repository " + repository.fullName() + " at its provider.");
		}
	}

	private static <T> RepositoryRead<T> found(CheckOutcome outcome, Listing<T> listing) {
		return new RepositoryRead<>(outcome, true, listing.items(), listing.truncated(), null);
	}

	private void record(Caller caller, ProviderCalls.Answer<?> answer) {
		if (!answer.asked()) {
			return;
		}
		connections.recordCheck(answer.credentials(), answer.outcome(), CheckTrigger.REPOSITORY_READ,
				caller.username());
		if (!answer.outcome().ok()) {
			log.info("Repository read of {} by {}: {}", answer.credentials().connection().arn(), caller.username(),
					answer.said());
		}
	}

	/** A read of one listing with a token, revalidating the {@code previous} one (null when there is none). */
	private interface ListingRead<T> {

		Optional<Listing<T>> read(ProviderClient client, String accessToken, Listing<T> previous);

	}

}
