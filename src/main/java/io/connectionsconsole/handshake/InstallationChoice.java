package io.connectionsconsole.handshake;

import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ProviderTokens;

/**
 * GitHub App mode: a handshake whose user authorized the app and now chooses the installation the connection reads
 * through. It goes on from the pending handshake, taken at the callback, whose state is its id and travels on as the
 * install page's state; it is the same user's to finish, within the same time from the callback.
 */
record InstallationChoice(PendingHandshake handshake, Connection.ProviderAccount account, ProviderTokens tokens) {

	public String id() {
		return handshake.state();
	}

	@Override
	public String toString() {
		return "InstallationChoice[" + handshake + "]";
	}

}
