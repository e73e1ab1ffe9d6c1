package io.connectionsconsole.link;

import java.time.Instant;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.provider.RepoName;

/**
 * A repository of a connection that is read through the console (CodeConnections' "repository link"): a CI runner or a
 * deployer clones it with one of the link's tokens, never holding the provider's.
 */
public record RepositoryLink(String id, ConnectionId connectionId, AccountId accountId, RepoName repository,
		String createdBy, Instant createdAt, Instant lastUsedAt) {

	/** Where the console serves Git over HTTPS. */
	public static final String GIT_HTTP = "/git-http";

	/** {@code arn:aws:apprunner:{region}:{account}:repositorylink/{connection-name}/{id}}. */
	public String arn(Connection connection) {
		return "arn:aws:apprunner:" + connection.region() + ":" + accountId.value() + ":repositorylink/"
				+ connection.name().value() + "/" + id;
	}

	/** The path under the console where git clones the repository: {@code /git-http/{account}/{region}/{connection}/{owner}/{name}.git}. */
	public String clonePath(Connection connection) {
		return GIT_HTTP + "/" + accountId.value() + "/" + connection.region() + "/" + connectionId.value()
				+ "/" + repository.fullName() + ".git";
	}

}
