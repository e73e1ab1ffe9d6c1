package io.connectionsconsole.handshake;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.CheckTrigger;
import io.connectionsconsole.connection.ConnectionCredentials;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionService;

/**
 * Reads what an available connection can read at its provider, with its stored token: the repositories, and the
 * branches of one of them. This is what a deployment service does with a connection, so each read is also a check:
 * an expired token is refreshed first, a rejected one makes the connection {@code ERROR}, and the read goes into the
 * health history. A provider that is down or slow changes no status. No database transaction is open while the
 * provider is asked.
 */
@Service
class RepositoryBrowser {

	private static final Logger log = LoggerFactory.getLogger(RepositoryBrowser.class);

	private static final Comparator<Repo> BY_NAME = Comparator.comparing(Repo::fullName, String.CASE_INSENSITIVE_ORDER);

	private final ConnectionService connections;

	private final ProviderCalls calls;

	RepositoryBrowser(ConnectionService connections, ProviderCalls calls) {
		this.connections = connections;
		this.calls = calls;
	}

	/** The repositories the connection can read, by name. */
	RepositoryRead<Repo> repositories(Caller caller, ConnectionId id) {
		ConnectionCredentials credentials = connections.credentialsForRead(caller, id);
		ProviderCalls.Answer<Listing<Repo>> answer = calls.call(credentials,
				(client, token) -> client.repositories(token));
		record(caller, answer);
		Listing<Repo> listing = answer.value();
		return listing == null ? failed(credentials, answer)
				: new RepositoryRead<>(credentials.connection(), answer.outcome(), true,
						listing.items().stream().sorted(BY_NAME).toList(), listing.truncated());
	}

	/** The branches of one repository the connection can read, in the provider's order. */
	RepositoryRead<Branch> branches(Caller caller, ConnectionId id, RepoName repository) {
		ConnectionCredentials credentials = connections.credentialsForRead(caller, id);
		ProviderCalls.Answer<Optional<Listing<Branch>>> answer = calls.call(credentials,
				(client, token) -> client.branches(token, repository));
		record(caller, answer);
		if (answer.value() == null) {
			return failed(credentials, answer);
		}
		return answer.value()
			.map((listing) -> new RepositoryRead<>(credentials.connection(), answer.outcome(), true, listing.items(),
					listing.truncated()))
			.orElseGet(() -> new RepositoryRead<>(credentials.connection(), answer.outcome(), false, List.of(), false));
	}

	private void record(Caller caller, ProviderCalls.Answer<?> answer) {
		connections.recordCheck(answer.credentials(), answer.outcome(), CheckTrigger.REPOSITORY_READ,
				caller.username());
		if (!answer.outcome().ok()) {
			log.info("Repository read of {} by {}: {}", answer.credentials().connection().arn(), caller.username(),
					answer.outcome());
		}
	}

	private static <T> RepositoryRead<T> failed(ConnectionCredentials credentials, ProviderCalls.Answer<?> answer) {
		return new RepositoryRead<>(credentials.connection(), answer.outcome(), true, List.of(), false);
	}

}
