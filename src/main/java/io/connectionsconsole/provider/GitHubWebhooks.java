package io.connectionsconsole.provider;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionEvent;
import io.connectionsconsole.connection.ConnectionService;

/**
 * What GitHub tells the GitHub App at its webhook URL, which the console takes once per delivery. A delivery is trusted
 * only when its {@code X-Hub-Signature-256} is the HMAC-SHA256 of its raw body under the webhook secret, compared in
 * constant time. {@code installation} (created, deleted, suspend, unsuspend, new_permissions_accepted) keeps the
 * installation's record and moves the connections it serves; {@code installation_repositories} (added, removed) keeps
 * which repositories were taken out of its selection; {@code installation_target} (renamed) keeps the new name of the
 * account it is on; {@code github_app_authorization} (revoked) puts the connections the user authorized in error. A delivery id taken before changes nothing: its effects and its id are written in one
 * transaction, so a failed one can be redelivered.
 */
@Service
public class GitHubWebhooks {

	private static final Logger log = LoggerFactory.getLogger(GitHubWebhooks.class);

	/** Longer than GitHub offers to redeliver (three days). */
	static final Duration DELIVERIES_KEPT = Duration.ofDays(7);

	private final JdbcClient jdbc;

	private final GitHubInstallations installations;

	private final ConnectionService connections;

	private final GitHubApp app;

	private final Clock clock;

	private final RefusedDeliveries refused;

	GitHubWebhooks(JdbcClient jdbc, GitHubInstallations installations, ConnectionService connections, GitHubApp app,
			Clock clock) {
		this.jdbc = jdbc;
		this.installations = installations;
		this.connections = connections;
		this.app = app;
		this.clock = clock;
		this.refused = new RefusedDeliveries(clock);
	}

	/** Whether the console takes GitHub's webhooks: as a GitHub App only. */
	public boolean taken() {
		return app.enabled();
	}

	/**
	 * Whether {@code signature} ({@code sha256=} and the hex HMAC) signs {@code body} with the webhook secret; a
	 * delivery it doesn't sign is counted for the log's warning.
	 */
	public boolean signedByGitHub(byte[] body, String signature) {
		boolean signed = signs(body, signature);
		if (!signed) {
			refused.refused(signature != null && !signature.isEmpty());
		}
		return signed;
	}

	private boolean signs(byte[] body, String signature) {
		if (signature == null || !signature.startsWith("sha256=")) {
			return false;
		}
		byte[] given;
		try {
			given = HexFormat.of().parseHex(signature.substring("sha256=".length()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(app.app().webhookSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return MessageDigest.isEqual(mac.doFinal(body), given);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	/**
	 * Takes a signed delivery and answers what it did, in words for GitHub's delivery log. A delivery taken before
	 * answers so and changes nothing; a concurrent one of the same id ends in a duplicate key, rolled back.
	 */
	@Transactional
	public String receive(String delivery, String event, JsonNode payload) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		boolean known = jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE id = :id")
			.param("id", delivery)
			.query(Long.class)
			.single() > 0;
		if (known) {
			return "Delivery " + delivery + " was taken before: nothing changed.";
		}
		jdbc.sql("INSERT INTO webhook_delivery (id, event, received_at) VALUES (:id, :event, :at)")
			.param("id", delivery)
			.param("event", event)
			.param("at", now.atOffset(ZoneOffset.UTC))
			.update();
		String action = ProviderJson.text(payload.path("action"));
		return switch (event) {
			case "installation" -> installation(action, payload.path("installation"), now);
			case "installation_repositories" -> repositories(action, payload, now);
			case "github_app_authorization" -> "revoked".equals(action) ? revoked(payload.path("sender"))
					: ignored(event, action);
			case "installation_target" -> "renamed".equals(action) ? renamed(payload, now) : ignored(event, action);
			case "ping" -> "Pong: the console takes this app's webhooks.";
			default -> ignored(event, action);
		};
	}

	private String installation(String action, JsonNode installation, Instant now) {
		long id = installation.path("id").asLong(0);
		if (id <= 0) {
			return "The delivery names no installation: nothing changed.";
		}
		installations.keep(GitHubInstallations.Installation.of(installation, installation), now);
		return switch (action == null ? "" : action) {
			case "deleted" -> {
				installations.deleted(id, now);
				yield moved(id, ConnectionEvent.INSTALLATION_DELETED, CheckOutcome.INSTALLATION_DELETED);
			}
			case "suspend" -> {
				installations.suspended(id, now);
				yield moved(id, ConnectionEvent.INSTALLATION_SUSPENDED, CheckOutcome.INSTALLATION_SUSPENDED);
			}
			case "unsuspend" -> {
				installations.suspended(id, null);
				yield moved(id, ConnectionEvent.INSTALLATION_UNSUSPENDED, CheckOutcome.OK);
			}
			case "created", "new_permissions_accepted" -> {
				app.forget(id);
				yield "Installation " + id + " " + action + ": kept.";
			}
			default -> ignored("installation", action);
		};
	}

	private String moved(long installation, ConnectionEvent event, CheckOutcome outcome) {
		app.forget(installation);
		List<Connection> moved = connections.installationChanged(installation, event, outcome);
		log.info("GitHub App installation {}: {}, {} connection(s) moved", installation, event, moved.size());
		return "Installation " + installation + ": " + event.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ", "
				+ moved.size() + " connection(s) moved.";
	}

	private String repositories(String action, JsonNode payload, Instant now) {
		JsonNode installation = payload.path("installation");
		long id = installation.path("id").asLong(0);
		if (id <= 0) {
			return "The delivery names no installation: nothing changed.";
		}
		installations.keep(GitHubInstallations.Installation.of(installation, payload), now);
		app.forget(id);
		List<String> added = names(payload.path("repositories_added"));
		List<String> removed = names(payload.path("repositories_removed"));
		added.forEach((repository) -> installations.addedBack(id, repository));
		removed.forEach((repository) -> installations.removed(id, repository, now));
		installations.recount(id, added.size() - removed.size());
		return "Installation " + id + " repositories " + action + ": " + added.size() + " added, " + removed.size()
				+ " removed.";
	}

	/** The account an installation is on was renamed at GitHub: its repositories are under the new name. */
	private String renamed(JsonNode payload, Instant now) {
		long id = payload.path("installation").path("id").asLong(0);
		String login = ProviderJson.text(payload.path("account").path("login"));
		if (id <= 0 || login == null) {
			return "The delivery names no installation or no account: nothing changed.";
		}
		installations.renamed(id, login, now);
		return "Installation " + id + ": its account is now " + login + ".";
	}

	private String revoked(JsonNode sender) {
		String login = ProviderJson.text(sender.path("login"));
		if (login == null) {
			return "The delivery names no user: nothing changed.";
		}
		List<Connection> moved = connections.appAuthorizationRevoked(login);
		log.info("GitHub user {} revoked the app's authorization: {} connection(s) in error", login, moved.size());
		return "Authorization revoked by " + login + ": " + moved.size() + " connection(s) in error.";
	}

	private static String ignored(String event, String action) {
		return "Event " + event + (action == null ? "" : " " + action) + ": not one the console acts on.";
	}

	/** The lower-case {@code owner/name} of each repository in a webhook's list. */
	private static List<String> names(JsonNode repositories) {
		List<String> names = new ArrayList<>();
		for (JsonNode repository : repositories) {
			String fullName = ProviderJson.fullName(ProviderJson.text(repository.path("full_name")));
			if (fullName != null) {
				names.add(fullName.toLowerCase(Locale.ROOT));
			}
		}
		return names;
	}

	/** Every hour, on one console instance at a time: deliveries older than {@link #DELIVERIES_KEPT} are forgotten. */
	@Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
	@SchedulerLock(name = "webhook-delivery-pruning", lockAtLeastFor = "PT55M", lockAtMostFor = "PT55M")
	void pruneDeliveries() {
		int pruned = pruneDeliveriesBefore(clock.instant().minus(DELIVERIES_KEPT));
		if (pruned > 0) {
			log.info("Webhook deliveries: {} older than {} forgotten", pruned, DELIVERIES_KEPT);
		}
	}

	int pruneDeliveriesBefore(Instant before) {
		return jdbc.sql("DELETE FROM webhook_delivery WHERE received_at < :before")
			.param("before", before.atOffset(ZoneOffset.UTC))
			.update();
	}

}
