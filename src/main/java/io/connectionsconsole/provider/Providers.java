package io.connectionsconsole.provider;

import java.net.URI;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.connectionsconsole.connection.Connection.ProviderAccount;
import io.connectionsconsole.connection.ProviderType;

/**
 * The providers this console talks to, by {@link ProviderType}: every {@link ProviderClient} bean, one a type. The
 * rest of the console finds a provider here rather than naming one.
 */
@Component
public class Providers {

	/**
	 * Where a provider sends the browser back after its authorize page, followed by the registration id; each
	 * provider's registration must list {@code {console URL}/connections/handshake/callback/{registration id}}.
	 */
	public static final String CALLBACK_PATH = "/connections/handshake/callback";

	private final Map<ProviderType, ProviderClient> clients = new EnumMap<>(ProviderType.class);

	private final ProviderApi api;

	Providers(List<ProviderClient> clients, ProviderApi api) {
		this.api = api;
		for (ProviderClient client : clients) {
			if (this.clients.put(client.type(), client) != null) {
				throw new IllegalStateException("Two provider clients for " + client.type());
			}
		}
		for (ProviderType type : ProviderType.values()) {
			client(type);
		}
	}

	/** The client of the provider of that type; every {@link ProviderType} has one, or the console doesn't start. */
	ProviderClient client(ProviderType type) {
		ProviderClient client = clients.get(type);
		if (client == null) {
			throw new IllegalStateException("No provider client for " + type);
		}
		return client;
	}

	/** The account a freshly issued token acts as, read from the registration's user-info endpoint. */
	public ProviderAccount currentUser(ProviderType type, URI userInfoUri, String accessToken) {
		return api.currentUser(client(type), userInfoUri, accessToken);
	}

	/** Every provider's client, in the order of {@link ProviderType}. */
	Collection<ProviderClient> all() {
		return clients.values();
	}

}
