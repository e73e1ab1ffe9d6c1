package io.connectionsconsole.provider;

import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.CheckTrigger;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionCredentials;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionService;

/**
 * The checks of a connection's token at its provider: the one a user asks for (Check connection) and the periodic
 * one. What the provider said is stored through {@link ConnectionService}, which holds the rules; checks are counted
 * by provider, outcome and trigger ({@code console.checks}).
 */
@Service
public class ConnectionChecks {

	private static final Logger log = LoggerFactory.getLogger(ConnectionChecks.class);

	/** Who the audit trail names for the periodic check. */
	public static final String PERIODIC_CHECK = "periodic-check";

	private final ConnectionService connections;

	private final ProviderCalls calls;

	private final ProviderApi api;

	private final MeterRegistry meters;

	ConnectionChecks(ConnectionService connections, ProviderCalls calls, ProviderApi api, MeterRegistry meters) {
		this.connections = connections;
		this.calls = calls;
		this.api = api;
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

}
