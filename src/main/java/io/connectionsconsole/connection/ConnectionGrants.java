package io.connectionsconsole.connection;

import java.util.List;
import java.util.Optional;

/**
 * What a connection's provider grant covers, where the provider grants it apart from the user who authorized it (a
 * GitHub App installation): a provider module implements this, and the connection's details page shows its answer.
 */
public interface ConnectionGrants {

	/** The grant the connection reads through; empty when it reads with its user's token. */
	Optional<Grant> of(Connection connection);

	/**
	 * The grants other connections of the same account read through, which an administrator may bind this connection to
	 * without a handshake; none unless the connection is pending its handshake and its provider grants this way.
	 */
	List<Grant> bindable(Connection connection);

	/**
	 * A grant: its id at the provider, the provider account it is on, whether it covers all of that account's
	 * repositories and how many it covers (null when not known), where the provider lets its owner change it, and
	 * whether the provider suspended it.
	 */
	record Grant(long id, String account, boolean allRepositories, Integer repositories, String manageUrl,
			boolean suspended) {
	}

}
