package io.connectionsconsole.provider;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionGrants;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderType;

/**
 * What the console knows of the GitHub App's installations: the account each is on, whether it grants all or selected
 * repositories, whether GitHub suspended or deleted it, and the repositories taken out of its selection since. Kept
 * from GitHub's answers during a handshake and from its webhooks.
 */
@Repository
public class GitHubInstallations implements ConnectionGrants {

	private final JdbcClient jdbc;

	private final ConsoleProperties.Provider github;

	/** A first record of an installation, apart from the rest of its caller's work: a savepoint within it, if any. */
	private final TransactionTemplate firstRecord;

	GitHubInstallations(JdbcClient jdbc, ConsoleProperties properties, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.github = properties.providers().github();
		this.firstRecord = new TransactionTemplate(transactions);
		this.firstRecord.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/** A GitHub App connection's installation, with GitHub's page where its owner changes it. */
	@Override
	public Optional<Grant> of(Connection connection) {
		return Optional.ofNullable(connection.installationId())
			.flatMap(this::find)
			.map(this::grant);
	}

	/**
	 * In the GitHub App mode, for a GitHub connection pending its handshake: the installations, neither suspended nor
	 * deleted, that available connections of its account read through.
	 */
	@Override
	public List<Grant> bindable(Connection connection) {
		if (!bindsToInstallations(connection)) {
			return List.of();
		}
		return jdbc.sql("""
				SELECT id, account_login, account_type, repository_selection, suspended_at, deleted_at, repository_count
				FROM github_installation
				WHERE suspended_at IS NULL AND deleted_at IS NULL AND id IN (
				    SELECT installation_id FROM connection
				    WHERE account_id = :account AND live_name IS NOT NULL AND status = :available)
				ORDER BY account_login, id""")
			.param("account", connection.accountId().value())
			.param("available", ConnectionStatus.AVAILABLE.name())
			.query(GitHubInstallations::installation)
			.stream()
			.map(this::grant)
			.toList();
	}

	/**
	 * Whether {@code connection} may be bound to one of the app's installations: a GitHub connection of github.com (not
	 * of a host's server) pending its handshake, in the GitHub App mode.
	 */
	public boolean bindsToInstallations(Connection connection) {
		return github.mode() == ConsoleProperties.Mode.APP && connection.providerType() == ProviderType.GITHUB
				&& connection.hostId() == null && connection.status() == ConnectionStatus.PENDING_HANDSHAKE;
	}

	private Grant grant(Installation installation) {
		return new Grant(installation.id(), installation.account(), installation.allRepositories(),
				installation.repositories(), manageUrl(installation), installation.suspended());
	}

	private String manageUrl(Installation installation) {
		UriComponentsBuilder page = UriComponentsBuilder.fromUri(github.gitUrl());
		return ("Organization".equals(installation.accountType())
				? page.path("/organizations/{login}/settings/installations/{id}")
					.buildAndExpand(installation.account(), installation.id())
				: page.path("/settings/installations/{id}").buildAndExpand(installation.id()))
			.encode()
			.toUriString();
	}

	/**
	 * Records the installation as GitHub describes it, the first time or again; a null login keeps the one known. Its
	 * time of change never goes back: a handshake keeps what GitHub listed before a webhook came, and tokens minted
	 * before that webhook must still be taken as older than it.
	 */
	public void keep(Installation installation, Instant now) {
		if (update(installation, now) == 0) {
			try {
				firstRecord.executeWithoutResult((status) -> jdbc.sql("""
						INSERT INTO github_installation (id, account_login, account_type, repository_selection, updated_at)
						VALUES (:id, :login, :type, :selection, :at)""")
					.param("id", installation.id())
					.param("login", installation.account() == null ? "" : installation.account())
					.param("type", installation.accountType())
					.param("selection", installation.selection())
					.param("at", now.atOffset(ZoneOffset.UTC))
					.update());
			}
			catch (DuplicateKeyException ex) {
				// recorded at the same moment by a webhook or a handshake on another instance (GitHub sends the
				// installation's webhook as it sends the browser back): this record goes over that one
				update(installation, now);
			}
		}
	}

	private int update(Installation installation, Instant now) {
		return jdbc.sql("""
				UPDATE github_installation
				SET account_login = COALESCE(:login, account_login), account_type = COALESCE(:type, account_type),
				    repository_selection = :selection, updated_at = GREATEST(updated_at, :at)
				WHERE id = :id""")
			.param("login", installation.account())
			.param("type", installation.accountType())
			.param("selection", installation.selection())
			.param("at", now.atOffset(ZoneOffset.UTC))
			.param("id", installation.id())
			.update();
	}

	/**
	 * Keeps an installation as GitHub listed it to a user at {@code listedAt} (its API, not a webhook, whose deliveries
	 * may come late and out of order): one GitHub listed as not suspended is no longer taken for suspended, so that an
	 * unsuspension whose webhook was lost is caught up with at the next handshake; a suspension told since stands.
	 */
	public void keepAsListed(Installation installation, Instant listedAt) {
		keep(installation, listedAt);
		if (!installation.suspended()) {
			jdbc.sql("UPDATE github_installation SET suspended_at = NULL WHERE id = :id AND suspended_at < :listed")
				.param("id", installation.id())
				.param("listed", listedAt.atOffset(ZoneOffset.UTC))
				.update();
		}
	}

	/** The number of repositories the installation grants, as its whole listing just read from GitHub counted them. */
	void counted(long id, int repositories) {
		jdbc.sql("""
				UPDATE github_installation SET repository_count = :count
				WHERE id = :id AND (repository_count IS NULL OR repository_count <> :count)""")
			.param("count", repositories)
			.param("id", id)
			.update();
	}

	/** Repositories added to (or, negative, taken out of) the installation's selection, when its count is known. */
	void recount(long id, int change) {
		jdbc.sql("""
				UPDATE github_installation SET repository_count = CASE WHEN repository_count + :change < 0 THEN 0
				                                                       ELSE repository_count + :change END
				WHERE id = :id AND repository_count IS NOT NULL""")
			.param("change", change)
			.param("id", id)
			.update();
	}

	/** Whether GitHub told of the installation (a webhook, on any console instance) after {@code since}. */
	boolean changedSince(long id, Instant since) {
		return jdbc.sql("SELECT COUNT(*) FROM github_installation WHERE id = :id AND updated_at > :since")
			.param("id", id)
			.param("since", since.atOffset(ZoneOffset.UTC))
			.query(Long.class)
			.single() > 0;
	}

	/** The account the installation is on, renamed at GitHub. */
	void renamed(long id, String login, Instant at) {
		jdbc.sql("""
				UPDATE github_installation SET account_login = :login, updated_at = GREATEST(updated_at, :at)
				WHERE id = :id""")
			.param("login", login)
			.param("at", at.atOffset(ZoneOffset.UTC))
			.param("id", id)
			.update();
	}

	void deleted(long id, Instant at) {
		jdbc.sql("UPDATE github_installation SET deleted_at = :at WHERE id = :id")
			.param("at", at.atOffset(ZoneOffset.UTC))
			.param("id", id)
			.update();
	}

	/** Suspended at {@code at}, or no longer when it is null. */
	void suspended(long id, Instant at) {
		jdbc.sql("UPDATE github_installation SET suspended_at = :at WHERE id = :id")
			.param("at", at == null ? null : at.atOffset(ZoneOffset.UTC))
			.param("id", id)
			.update();
	}

	void removed(long id, String repository, Instant at) {
		jdbc.sql("""
				INSERT INTO github_removed_repository (installation_id, repository, removed_at)
				SELECT :id, :repository, :at FROM github_installation
				WHERE id = :id AND NOT EXISTS (SELECT 1 FROM github_removed_repository
				                               WHERE installation_id = :id AND repository = :repository)""")
			.param("id", id)
			.param("repository", repository.toLowerCase(Locale.ROOT))
			.param("at", at.atOffset(ZoneOffset.UTC))
			.update();
	}

	void addedBack(long id, String repository) {
		jdbc.sql("DELETE FROM github_removed_repository WHERE installation_id = :id AND repository = :repository")
			.param("id", id)
			.param("repository", repository.toLowerCase(Locale.ROOT))
			.update();
	}

	/** Whether the repository was taken out of the installation's selection at GitHub and not added back. */
	public boolean removedFromInstallation(long id, RepoName repository) {
		return jdbc.sql("""
				SELECT COUNT(*) FROM github_removed_repository WHERE installation_id = :id AND repository = :repository""")
			.param("id", id)
			.param("repository", repository.fullName().toLowerCase(Locale.ROOT))
			.query(Long.class)
			.single() > 0;
	}

	public Optional<Installation> find(long id) {
		return jdbc.sql("""
				SELECT id, account_login, account_type, repository_selection, suspended_at, deleted_at, repository_count
				FROM github_installation WHERE id = :id""")
			.param("id", id)
			.query(GitHubInstallations::installation)
			.optional();
	}

	private static Installation installation(ResultSet rs, int row) throws SQLException {
		return new Installation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getObject(5) != null,
				rs.getObject(6) != null, rs.getObject(7, Integer.class));
	}

	/**
	 * An installation of the app: its id, the GitHub account it is on ({@code User} or {@code Organization}),
	 * {@code all} or {@code selected} repositories, whether it is suspended or deleted, and how many repositories it
	 * grants (null until the console has read them).
	 */
	public record Installation(long id, String account, String accountType, String selection, boolean suspended,
			boolean deleted, Integer repositories) {

		public Installation {
			selection = "selected".equals(selection) ? "selected" : "all";
		}

		/**
		 * An installation as GitHub's JSON describes it (its API and its webhooks); {@code selectionFrom} is where its
		 * repository selection is said ({@code installation_repositories} says it beside the installation).
		 */
		static Installation of(JsonNode installation, JsonNode selectionFrom) {
			return new Installation(installation.path("id").asLong(),
					ProviderJson.text(installation.path("account").path("login")),
					ProviderJson.text(installation.path("account").path("type")),
					ProviderJson.text(selectionFrom.path("repository_selection")),
					ProviderJson.text(installation.path("suspended_at")) != null, false, null);
		}

		public boolean allRepositories() {
			return "all".equals(selection);
		}

	}

}
