package io.connectionsconsole.handshake;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionNotFoundException;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.ConnectionStatusException;
import io.connectionsconsole.connection.ProviderTokens;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.provider.GitHubApp;
import io.connectionsconsole.provider.GitHubInstallations;
import io.connectionsconsole.provider.GitHubInstallations.Installation;
import io.connectionsconsole.provider.ProviderCallException;

/**
 * The GitHub App mode's end of a GitHub handshake. Once GitHub has said who authorized the app, the user chooses the
 * installation the connection reads through: one of the app's installations their GitHub account can use, or one they
 * make on another account at GitHub's install page, which sends them back to the Setup URL with its id. Either way the
 * id is trusted only when GitHub lists it among the user's own installations, asked with their token at that moment
 * (GitHub warns that the Setup URL's {@code installation_id} can be forged). The choice is the handshake's: the user who
 * started it, within ten minutes, once.
 */
@Service
class AppHandshake {

	private static final Logger log = LoggerFactory.getLogger(AppHandshake.class);

	/** How long a choice is kept: long after it can be made, so that a late answer hears "expired", not "unknown". */
	static final Duration CHOICE_KEPT = PendingHandshake.TIME_TO_LIVE.multipliedBy(6);

	private final GitHubApp app;

	private final GitHubInstallations installations;

	private final PendingHandshakes choices;

	private final ConnectionService connections;

	private final HandshakeLinkService links;

	private final Clock clock;

	private final HandshakeMeters meters;

	AppHandshake(GitHubApp app, GitHubInstallations installations, PendingHandshakes choices,
			ConnectionService connections, HandshakeLinkService links, Clock clock, HandshakeMeters meters) {
		this.app = app;
		this.installations = installations;
		this.choices = choices;
		this.connections = connections;
		this.links = links;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Every hour, on one console instance at a time: choices never made (the page closed, or an owner's approval that
	 * never came) deleted, with the user's tokens they keep, once they are an hour old. An expired one says so till then.
	 */
	@Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
	@SchedulerLock(name = "installation-choice-pruning", lockAtLeastFor = "PT55M", lockAtMostFor = "PT55M")
	void pruneChoices() {
		int pruned = choices.deleteChoicesCreatedBefore(clock.instant().minus(CHOICE_KEPT));
		if (pruned > 0) {
			log.info("Installation choices: {} never made deleted", pruned);
		}
	}

	/** Whether the connection's handshake ends with the choice of an installation. */
	boolean applies(Connection connection) {
		return app.enabled() && connection.providerType() == ProviderType.GITHUB && connection.hostId() == null;
	}

	/** Keeps the authorized handshake for the user's choice, under the handshake's spent state. */
	void offer(Caller caller, PendingHandshake pending, Connection connection, Connection.ProviderAccount account,
			ProviderTokens tokens) {
		Instant now = clock.instant();
		choices.saveChoice(new InstallationChoice(new PendingHandshake(pending.state(), connection.id(), pending.kind(),
				caller.accountId(), caller.userId(), pending.registrationId(), connection.region(), null, null,
				pending.linkHash(), now), account, tokens));
	}

	/**
	 * What the choice page shows: the connection, the installations the user can use (asked now), and where to install
	 * the app on another account; a refusal when the choice is not the caller's to make.
	 */
	Offer offer(Caller caller, String choiceId) {
		InstallationChoice choice = usable(caller, choiceId);
		Connection connection = target(caller, choice);
		return new Offer(choice, connection, listed(choice, connection), app.installUri(choice.id()));
	}

	/** The installations GitHub lists for the user now, asked with the token they authorized the app with. */
	private List<Installation> listed(InstallationChoice choice, Connection connection) {
		try {
			return app.userInstallations(choice.tokens().accessToken());
		}
		catch (ProviderCallException ex) {
			// a 401 here refuses the user's token, revoked since they authorized the app, not the console's client:
			// the user's to authorize again; GitHub not answering is an operator's concern
			boolean withdrawn = ex.kind() == ProviderCallException.Kind.TOKEN_REJECTED;
			if (withdrawn) {
				log.info("Installation choice for {}: GitHub refused the token its user authorized the app with: {}",
						connection.arn(), ex.getMessage());
			}
			else {
				log.warn("Installation choice for {}: GitHub's installations could not be read: {}", connection.arn(),
						ex.getMessage());
			}
			throw new Refused(withdrawn ? HandshakeOutcome.AUTHORIZATION_WITHDRAWN : HandshakeService.tokenFailure(ex),
					connection);
		}
	}

	/**
	 * Completes the handshake with the installation chosen, or made at GitHub's install page ({@code fromSetup}), once
	 * GitHub lists it among the user's installations. A choice refused before it is taken (an installation not the
	 * user's or suspended) can be made again; one taken ends the handshake, which the handshake counters count then.
	 */
	HandshakeResult choose(Caller caller, String choiceId, long installationId) {
		InstallationChoice choice;
		Connection connection;
		Installation chosen;
		Instant listedAt = clock.instant();
		try {
			choice = usable(caller, choiceId);
			connection = target(caller, choice);
			chosen = listed(choice, connection).stream()
				.filter((installation) -> installation.id() == installationId)
				.findFirst()
				.orElseThrow(() -> new Refused(HandshakeOutcome.INSTALLATION_NOT_YOURS, connection));
			if (chosen.suspended()) {
				throw new Refused(HandshakeOutcome.INSTALLATION_SUSPENDED, connection);
			}
		}
		catch (Refused ex) {
			// the user's to make again (a form sent twice, an installation not theirs or suspended); what went wrong
			// at GitHub was logged where it happened
			log.info("Installation choice of installation {} by {} refused{}: {}", installationId, caller.username(),
					ex.connection == null ? "" : " for " + ex.connection.arn(), ex.outcome());
			return ex.result();
		}
		if (!choices.takeChoice(choice.id())) {
			// taken by another answer, which ended the handshake
			return new HandshakeResult(HandshakeOutcome.STATE_UNKNOWN, connection.name().value(), connection.region());
		}
		HandshakeResult result = complete(caller, choice, connection, chosen, listedAt);
		meters.finished(ProviderType.GITHUB.registrationId(), result.outcome());
		return result;
	}

	private HandshakeResult complete(Caller caller, InstallationChoice choice, Connection connection,
			Installation chosen, Instant listedAt) {
		installations.keepAsListed(chosen, listedAt);
		try {
			PendingHandshake handshake = choice.handshake();
			if (handshake.linkHash() != null) {
				links.complete(caller, handshake.linkHash(), connection.id(), choice.account(), choice.tokens(),
						chosen.id());
			}
			else {
				connections.completeHandshake(caller, connection.id(), handshake.kind(), choice.account(), choice.tokens(),
						chosen.id());
			}
		}
		catch (ConnectionNotFoundException ex) {
			return new HandshakeResult(HandshakeOutcome.CONNECTION_GONE, null, connection.region());
		}
		catch (ConnectionStatusException ex) {
			return new HandshakeResult(HandshakeOutcome.notAccepted(choice.handshake().kind()), connection.name().value(),
					connection.region());
		}
		catch (HandshakeLinkRefusedException ex) {
			return new HandshakeResult(HandshakeOutcome.LINK_USED, connection.name().value(), connection.region());
		}
		log.info("{} of {} completed by {} with GitHub App installation {} on {}",
				choice.handshake().kind().auditAction(), connection.arn(), caller.username(), chosen.id(),
				chosen.account());
		return new HandshakeResult(HandshakeOutcome.COMPLETED, connection.name().value(), connection.region());
	}

	/**
	 * Binds a pending connection to an installation another available connection of the caller's account reads
	 * through, without a handshake: an administrator's shortcut, refused (changing nothing) for an installation that
	 * is unknown, suspended, deleted or not the account's, and for a connection that reads otherwise (another
	 * provider, a host's server, a console not in the GitHub App mode).
	 */
	Connection bind(Caller caller, ConnectionId id, long installationId) {
		// who and what first, then which installation: a read-only user, or a console not in the app mode, is told so
		caller.requireWrite("bind connections to installations");
		Connection connection = connections.get(caller, id);
		if (!installations.bindsToInstallations(connection)) {
			throw new InvalidInputException("Installation", "Connection " + connection.name().value() + " can't read "
					+ "through a GitHub App installation: only a GitHub connection pending its handshake, in the GitHub "
					+ "App mode, can.");
		}
		if (installationId <= 0) {
			throw new InvalidInputException("Installation", "Choose one of the installations the list offers.");
		}
		Installation installation = installations.find(installationId)
			.filter((found) -> !found.suspended() && !found.deleted())
			.orElseThrow(() -> new InvalidInputException("Installation",
					"Installation " + installationId + " is not one this console can use: it is unknown, suspended or deleted."));
		return connections.bindInstallation(caller, id, installation.id(), new Connection.ProviderAccount(
				installation.account(), installation.account(), app.accountUrl(installation.account())));
	}

	/** GitHub asked an organization owner to approve the installation: the choice stays for when they have. */
	HandshakeResult requested(Caller caller, String choiceId) {
		try {
			InstallationChoice choice = usable(caller, choiceId);
			Connection connection = target(caller, choice);
			return new HandshakeResult(HandshakeOutcome.INSTALLATION_REQUESTED, connection.name().value(),
					connection.region());
		}
		catch (Refused ex) {
			return ex.result();
		}
	}

	private InstallationChoice usable(Caller caller, String choiceId) {
		Optional<InstallationChoice> found = Optional.ofNullable(choiceId).flatMap(choices::findChoice);
		if (found.isEmpty() || !found.get().handshake().startedBy(caller)) {
			throw new Refused(HandshakeOutcome.STATE_UNKNOWN, null);
		}
		if (found.get().handshake().expiredAt(clock.instant())) {
			throw new Refused(HandshakeOutcome.STATE_EXPIRED, named(caller, found.get()));
		}
		return found.get();
	}

	/** The choice's connection, for a refusal to name; null when it is gone. */
	private Connection named(Caller caller, InstallationChoice choice) {
		try {
			return connections.get(caller, choice.handshake().connectionId());
		}
		catch (ConnectionNotFoundException ex) {
			return null;
		}
	}

	private Connection target(Caller caller, InstallationChoice choice) {
		try {
			return connections.handshakeTarget(caller, choice.handshake().connectionId(), choice.handshake().kind());
		}
		catch (ConnectionNotFoundException ex) {
			throw new Refused(HandshakeOutcome.CONNECTION_GONE, null);
		}
		catch (ConnectionStatusException ex) {
			throw new Refused(HandshakeOutcome.notAccepted(choice.handshake().kind()), ex.connection());
		}
	}

	/** The choice page: whose choice it is, the installations offered, and GitHub's page to install on another account. */
	record Offer(InstallationChoice choice, Connection connection, List<Installation> installations, URI installUri) {
	}

	/** A choice that can't be made, with the outcome that says why. */
	static final class Refused extends RuntimeException {

		private final HandshakeOutcome outcome;

		private final transient Connection connection;

		Refused(HandshakeOutcome outcome, Connection connection) {
			super(outcome.name(), null, false, false);
			this.outcome = outcome;
			this.connection = connection;
		}

		HandshakeOutcome outcome() {
			return outcome;
		}

		HandshakeResult result() {
			return new HandshakeResult(outcome, connection == null ? null : connection.name().value(),
					connection == null ? null : connection.region());
		}

	}

}
