package io.connectionsconsole.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionCredentials;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.ProviderTokens;

/**
 * Calls a provider's API with a connection's token, the way every check and read does: an expired token is refreshed
 * first (and the rotated refresh token stored), a 401 for a token that can be refreshed gets one refresh and one more
 * try, since the provider's clock decides, not ours. What went wrong is sorted into a {@link CheckOutcome}. No
 * database transaction is open while the provider is asked.
 *
 * <p>A provider that answers with its rate limit is not asked again for that connection until the time it named
 * (GitHub's {@code X-RateLimit-Reset}, or {@code Retry-After}; a minute when it named none, an hour at most): every
 * call meanwhile answers {@link CheckOutcome#RATE_LIMITED} at once, since more calls would only spend the limit
 * further. The pauses are kept in memory, per console instance.
 */
@Component
class ProviderCalls {

	private static final Logger log = LoggerFactory.getLogger(ProviderCalls.class);

	/** Expiring tokens are refreshed this long before their expiry, so that a call doesn't race it. */
	static final Duration REFRESH_MARGIN = Duration.ofMinutes(1);

	/** How long a connection is paused after a rate limit that named no time (GitHub's advice for that case). */
	static final Duration DEFAULT_PAUSE = Duration.ofMinutes(1);

	/** The longest pause, whatever the provider says: a provider can't keep a connection unusable for days. */
	static final Duration MAX_PAUSE = Duration.ofHours(1);

	/** How many times refreshed tokens are written before they are given up, and the pause after the first try. */
	static final int STORE_ATTEMPTS = 4;

	static final Duration STORE_PAUSE = Duration.ofMillis(500);

	private final Cache<ConnectionId, Instant> pausedUntil = Caffeine.newBuilder()
		.expireAfterWrite(MAX_PAUSE)
		.maximumSize(100_000)
		.build();

	private final ConnectionService connections;

	private final ClientRegistrationRepository registrations;

	private final TokenEndpoint tokenEndpoint;

	private final TokenRefreshLocks refreshLocks;

	private final Providers providers;

	private final GitHubApp app;

	private final Clock clock;

	ProviderCalls(ConnectionService connections, ClientRegistrationRepository registrations,
			TokenEndpoint tokenEndpoint, TokenRefreshLocks refreshLocks, Providers providers, GitHubApp app,
			Clock clock) {
		this.connections = connections;
		this.refreshLocks = refreshLocks;
		this.registrations = registrations;
		this.tokenEndpoint = tokenEndpoint;
		this.providers = providers;
		this.app = app;
		this.clock = clock;
	}

	/**
	 * Makes {@code call} with the connection's provider client and access token. The answer names the credentials the
	 * call ended with (refreshed ones, where a refresh happened), the outcome, and the call's value when it worked.
	 */
	<T> Answer<T> call(ConnectionCredentials credentials, BiFunction<ProviderClient, String, T> call) {
		return call(credentials, null, call);
	}

	/**
	 * {@link #call(ConnectionCredentials, BiFunction)} for one repository: a GitHub App connection's token is then
	 * narrowed to it, with Contents read.
	 */
	<T> Answer<T> call(ConnectionCredentials credentials, RepoName repository,
			BiFunction<ProviderClient, String, T> call) {
		Instant paused = pausedUntil.getIfPresent(credentials.connection().id());
		if (paused != null && paused.isAfter(clock.instant())) {
			return new Answer<>(credentials, CheckOutcome.RATE_LIMITED, null, paused, false, null);
		}
		Long installation = credentials.connection().installationId();
		Answer<T> answer = (installation != null) ? askAsInstallation(credentials, installation, repository, call)
				: refreshAndAsk(credentials, call);
		if (answer.outcome() == CheckOutcome.RATE_LIMITED) {
			pausedUntil.put(credentials.connection().id(), answer.retryAt());
			log.info("{} is rate-limited by its provider until {}", credentials.connection().arn(), answer.retryAt());
		}
		return answer;
	}

	private <T> Answer<T> refreshAndAsk(ConnectionCredentials credentials, BiFunction<ProviderClient, String, T> call) {
		boolean expiring = credentials.tokens().refreshable()
				&& credentials.tokens().expiresWithin(clock.instant(), REFRESH_MARGIN);
		Answer<T> answer = expiring ? refreshThenAsk(credentials, call) : ask(credentials, call);
		if (answer.outcome() == CheckOutcome.TOKEN_REJECTED && !expiring && credentials.tokens().refreshable()) {
			return refreshThenAsk(credentials, call);
		}
		return answer;
	}

	private <T> Answer<T> ask(ConnectionCredentials credentials, BiFunction<ProviderClient, String, T> call) {
		try {
			T value = call.apply(providers.client(credentials.connection()), credentials.tokens().accessToken());
			return new Answer<>(credentials, CheckOutcome.OK, value, null, true, null);
		}
		catch (ProviderCallException ex) {
			log.debug("Call to the provider of {}: {}", credentials.connection().arn(), ex.getMessage());
			return failed(credentials, outcome(ex, credentials.connection(), false), ex);
		}
	}

	/**
	 * A GitHub App connection reads with a token of its installation, which the app mints: the user's token, kept for
	 * Update authorization, is not used. A 404 where the token is minted says the installation is gone, a 403 that
	 * GitHub suspended it; a token GitHub refuses (401) is forgotten, and says nothing about the connection.
	 */
	private <T> Answer<T> askAsInstallation(ConnectionCredentials credentials, long installation, RepoName repository,
			BiFunction<ProviderClient, String, T> call) {
		String token;
		try {
			token = app.token(installation, repository).value();
		}
		catch (ProviderCallException ex) {
			if (ex.kind() == ProviderCallException.Kind.TOKEN_REJECTED) {
				// GitHub refused the app's own credentials: its id or private key, or this machine's clock
				log.warn("GitHub refused the GitHub App's credentials minting a token for {} (installation {}): check "
						+ "console.providers.github.app.id, its private key and the clock: {}",
						credentials.connection().arn(), installation, ex.getMessage());
			}
			else {
				log.info("Installation token for {} not minted: {}", credentials.connection().arn(), ex.getMessage());
			}
			CheckOutcome outcome = ex.notFound() ? CheckOutcome.INSTALLATION_DELETED
					: ex.forbidden() && ex.kind() != ProviderCallException.Kind.RATE_LIMITED
							? CheckOutcome.INSTALLATION_SUSPENDED : outcome(ex, credentials.connection(), true);
			return failed(credentials, outcome, ex);
		}
		try {
			T value = call.apply(app.installationClient(), token);
			return new Answer<>(credentials, CheckOutcome.OK, value, null, true, null);
		}
		catch (ProviderCallException ex) {
			log.debug("Call to GitHub as installation {} of {}: {}", installation, credentials.connection().arn(),
					ex.getMessage());
			if (ex.kind() == ProviderCallException.Kind.TOKEN_REJECTED) {
				app.forget(installation);
				return failed(credentials, CheckOutcome.UNEXPECTED_ANSWER, ex);
			}
			return failed(credentials, outcome(ex, credentials.connection(), false), ex);
		}
	}

	/** What a failed call says of the connection; {@code refresh} when it was the refresh of its token. */
	private CheckOutcome outcome(ProviderCallException ex, Connection connection, boolean refresh) {
		return switch (ex.kind()) {
			// At the token endpoint a 401 refuses the console's client credentials, which says nothing about the token.
			case TOKEN_REJECTED -> refresh ? CheckOutcome.UNEXPECTED_ANSWER : CheckOutcome.TOKEN_REJECTED;
			case OAUTH_ERROR -> refresh && providers.client(connection).refreshRejected(ex.providerError())
					? CheckOutcome.REFRESH_REJECTED : CheckOutcome.UNEXPECTED_ANSWER;
			case RATE_LIMITED -> CheckOutcome.RATE_LIMITED;
			case UNREACHABLE, SERVER_ERROR -> CheckOutcome.UNREACHABLE;
			case TOO_LARGE -> CheckOutcome.ANSWER_TOO_LARGE;
			case UNEXPECTED_ANSWER -> CheckOutcome.UNEXPECTED_ANSWER;
		};
	}

	/**
	 * A call that asked the provider and failed, for the reason {@code failure} (null when there was no call to fail)
	 * gives; a rate limit's answer says until when to wait.
	 */
	private <T> Answer<T> failed(ConnectionCredentials credentials, CheckOutcome outcome,
			ProviderCallException failure) {
		return new Answer<>(credentials, outcome, null,
				outcome == CheckOutcome.RATE_LIMITED ? pauseEnd(failure == null ? null : failure.waitNamed()) : null,
				true, failure == null ? null : failure.getMessage());
	}

	private Instant pauseEnd(ProviderCallException.Wait wait) {
		Instant now = clock.instant();
		Instant end = wait == null ? null
				: wait.until() != null ? wait.until() : wait.after() != null ? now.plus(wait.after()) : null;
		if (end == null || !end.isAfter(now)) {
			return now.plus(DEFAULT_PAUSE);
		}
		return end.isAfter(now.plus(MAX_PAUSE)) ? now.plus(MAX_PAUSE) : end;
	}

	/**
	 * Refreshes the token, one caller at a time ({@link TokenRefreshLocks}), and asks with the new one. A caller that
	 * waited for another's refresh finds the tokens changed and asks with those instead: the refresh token it holds
	 * has been used. The lock is let go before the provider is asked, which for a clone streams a whole pack.
	 */
	private <T> Answer<T> refreshThenAsk(ConnectionCredentials credentials,
			BiFunction<ProviderClient, String, T> call) {
		Connection connection = credentials.connection();
		ClientRegistration registration = registrations
			.findByRegistrationId(Providers.registrationId(connection));
		if (registration == null) {
			return failed(credentials, CheckOutcome.NOT_CONFIGURED, null);
		}
		TokenRefreshLocks.Held lock;
		try {
			lock = refreshLocks.take(connection.id());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer<>(credentials, CheckOutcome.UNREACHABLE, null, null, false, null);
		}
		ConnectionCredentials next;
		try {
			ConnectionCredentials current = connections.current(credentials).orElse(credentials);
			if (current.stamp().equals(credentials.stamp()) && !lock.taken()) {
				// another's refresh held the lock all the while and stored nothing yet: the refresh token it holds
				// may be spent already, and a second refresh with it would be refused as if it were revoked. The
				// provider was not asked, so nothing is recorded of it.
				log.info("Refresh of the token of {} waited out another's: not tried", connection.arn());
				return new Answer<>(credentials, CheckOutcome.UNREACHABLE, null, null, false, null);
			}
			if (current.stamp().equals(credentials.stamp())) {
				ProviderTokens tokens;
				try {
					tokens = tokenEndpoint.refresh(providers.client(connection), registration, credentials.tokens());
				}
				catch (ProviderCallException ex) {
					log.info("Refresh of the token of {} failed: {}", connection.arn(), ex.getMessage());
					return failed(credentials, outcome(ex, connection, true), ex);
				}
				next = store(credentials, tokens, lock);
			}
			else {
				next = current;
			}
		}
		finally {
			lock.release();
		}
		return ask(next, call);
	}

	/**
	 * Stores the tokens a refresh returned, trying again for a few seconds when the database fails for a while: the
	 * provider has taken the old refresh token, so a new pair lost to a passing failure would leave the connection to
	 * be authorized again. The refresh lock is extended before each try, so that no other caller refreshes with the
	 * spent token meanwhile; once it could not be, it is no longer this caller's and is not let go by it. A write that
	 * went through but was reported failed is harmless to repeat: it stores nothing the second time and answers the
	 * tokens stored.
	 */
	private ConnectionCredentials store(ConnectionCredentials used, ProviderTokens tokens, TokenRefreshLocks.Held lock) {
		for (int attempt = 1;; attempt++) {
			if (lock.taken() && !lock.extend()) {
				log.warn("The refresh lock of {} lapsed before its tokens were stored", used.connection().arn());
			}
			try {
				return connections.storeRefreshedTokens(used, tokens);
			}
			catch (TransientDataAccessException | DataAccessResourceFailureException | TransactionException ex) {
				if (attempt == STORE_ATTEMPTS) {
					log.error("The refreshed tokens of {} could not be stored; the provider took its refresh token, so "
							+ "the connection must be authorized again (Update authorization)", used.connection().arn(), ex);
					throw ex;
				}
				log.warn("The refreshed tokens of {} could not be stored (attempt {} of {}): {}",
						used.connection().arn(), attempt, STORE_ATTEMPTS, ex.getMessage());
				try {
					Thread.sleep(STORE_PAUSE.multipliedBy(attempt));
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	/**
	 * What a call ended with: the credentials last used, the outcome, the value when the outcome is OK, when to ask
	 * again when it is {@code RATE_LIMITED}, whether the provider was asked at all (not while a rate limit lasts), and
	 * for a failed call what went wrong, for the log (the provider's status, or how it could not be reached).
	 */
	record Answer<T>(ConnectionCredentials credentials, CheckOutcome outcome, T value, Instant retryAt, boolean asked,
			String reason) {

		/** The outcome, and the reason after it when there is one. */
		String said() {
			return reason == null ? outcome.name() : outcome + " (" + reason + ")";
		}

	}

}
