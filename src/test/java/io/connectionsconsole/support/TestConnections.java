package io.connectionsconsole.support;

import org.springframework.stereotype.Component;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.HandshakeKind;
import io.connectionsconsole.connection.ProviderTokens;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.region.RegionCatalogue;

/** Arranges connections for a test through the real service, so every rule applies. */
@Component
public class TestConnections {

	private final ConnectionService connections;

	private final RegionCatalogue regions;

	TestConnections(ConnectionService connections, RegionCatalogue regions) {
		this.connections = connections;
		this.regions = regions;
	}

	public Connection github(Caller caller, String region, String name) {
		return create(caller, region, name, ProviderType.GITHUB);
	}

	public Connection create(Caller caller, String region, String name, ProviderType provider) {
		return connections.create(caller, regions.require(region), ConnectionName.of(name), provider, Tags.none());
	}

	/** An available GitHub connection with a token, as a completed handshake leaves it. */
	public Connection available(Caller caller, String region, String name) {
		Connection connection = github(caller, region, name);
		return connections.completeHandshake(caller, connection.id(), HandshakeKind.COMPLETE,
				new Connection.ProviderAccount("octo", "Octo", "https://github.com/octo"),
				new ProviderTokens("access-" + name, null, null), null);
	}

}
