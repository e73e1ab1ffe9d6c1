package io.connectionsconsole.provider;

import java.net.URI;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.Connection.ProviderAccount;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.host.Host;
import io.connectionsconsole.host.HostDeleted;
import io.connectionsconsole.host.HostProbe;
import io.connectionsconsole.host.HostService;
import io.connectionsconsole.host.HostType;

/**
 * The providers this console talks to, by {@link ProviderType}: every {@link ProviderClient} bean, one a type. The
 * rest of the console finds a provider here rather than naming one.
 */
@Component
public class Providers {

	private static final Logger log = LoggerFactory.getLogger(Providers.class);

	/**
	 * Where a provider sends the browser back after its authorize page, followed by the registration id; each
	 * provider's registration must list {@code {console URL}/connections/handshake/callback/{registration id}}.
	 */
	public static final String CALLBACK_PATH = "/connections/handshake/callback";

	/** Where a host's server sends the browser back, the same for every host; the pending handshake knows which. */
	public static final String HOST_CALLBACK = "host";

	/** The registration ids of hosts' OAuth clients: {@code host-{host id}}. */
	static final String HOST_REGISTRATION = "host-";

	private final Map<ProviderType, ProviderClient> clients = new EnumMap<>(ProviderType.class);

	/** The clients of hosts' servers by host id, each with its TLS trust, made once. */
	private final Map<String, HostClient> hostClients = new ConcurrentHashMap<>();

	private final ProviderApi api;

	private final HostService hosts;

	Providers(List<ProviderClient> clients, ProviderApi api, HostService hosts) {
		this.api = api;
		this.hosts = hosts;
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

	/**
	 * The client of the connection's provider: its host's server, or the cloud provider of its type. A host's address
	 * is looked at again each time, as at its creation: a name that resolves to a loopback, link-local or metadata
	 * address since is refused ({@link ProviderCallException.Kind#UNREACHABLE}), so that tokens don't go there.
	 */
	ProviderClient client(Connection connection) {
		if (connection.hostId() == null) {
			return client(connection.providerType());
		}
		HostClient served = hostClient(connection.hostId());
		if (served == null) {
			throw new IllegalStateException("Host " + connection.hostId() + " of " + connection.arn() + " is gone");
		}
		hosts.refusedAddress(served.url()).ifPresent((reason) -> {
			log.warn("Not calling the server of {}'s host: {}", connection.arn(), reason);
			throw ProviderCallException.refusedAddress(reason);
		});
		return served.client();
	}

	/** The client of a host's server and the URL it was made for. */
	private record HostClient(URI url, ProviderClient client) {
	}

	/** The client of a live host's server, made once; null for a host that is gone. */
	private HostClient hostClient(String hostId) {
		HostClient known = hostClients.get(hostId);
		return known != null ? known : hosts.oauthClient(hostId).map((found) -> hostClient(found.host())).orElse(null);
	}

	/** The client of the host's server, made once: its TLS trust is read from the CA certificate a single time. */
	private HostClient hostClient(Host host) {
		HostClient known = hostClients.get(host.id());
		if (known != null) {
			return known;
		}
		HostClient made = new HostClient(host.url(), serverClient(host));
		HostClient raced = hostClients.putIfAbsent(host.id(), made);
		return raced != null ? raced : made;
	}

	private static ProviderClient serverClient(Host host) {
		SSLContext tls = host.hasCaCertificate()
				? HostProbe.sslContext(HostProbe.caCertificates(host.caCertificate())) : null;
		return host.type() == HostType.GITHUB_ENTERPRISE_SERVER ? GitHubClient.enterpriseServer(host.url(), tls)
				: GitLabClient.selfManaged(host.url(), tls);
	}

	/** Once the delete is committed: a lookup before that still finds the host, and would make its client again. */
	@TransactionalEventListener
	void forget(HostDeleted deleted) {
		hostClients.remove(deleted.id());
	}

	/** Whether {@code registrationId} is that of a host's OAuth client, whose callback is {@link #HOST_CALLBACK}. */
	public static boolean isHostRegistration(String registrationId) {
		return registrationId != null && registrationId.startsWith(HOST_REGISTRATION);
	}

	/** The id of the OAuth client registration the connection's handshakes and refreshes use. */
	public static String registrationId(Connection connection) {
		return connection.hostId() == null ? connection.providerType().registrationId()
				: HOST_REGISTRATION + connection.hostId();
	}

	/**
	 * The OAuth client registration of a host's connections ({@code host-{id}}), made from the host: the application
	 * registered on its server, its endpoints there, PKCE, and the one callback of every host. Null for any other id,
	 * and once the host is gone.
	 */
	ClientRegistration hostRegistration(String registrationId) {
		if (!isHostRegistration(registrationId)) {
			return null;
		}
		String hostId = registrationId.substring(HOST_REGISTRATION.length());
		return hosts.oauthClient(hostId).map((found) -> {
			ProviderClient.Authorization endpoints = hostClient(found.host()).client().authorization();
			return ClientRegistration.withRegistrationId(registrationId)
				.clientId(found.host().clientId())
				.clientSecret(found.clientSecret())
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}" + CALLBACK_PATH + "/" + HOST_CALLBACK)
				.scope(endpoints.scopes())
				.clientName(found.host().name().value())
				.authorizationUri(endpoints.authorizationUri())
				.tokenUri(endpoints.tokenUri())
				.userInfoUri(endpoints.userInfoUri())
				.userNameAttributeName(endpoints.userNameAttribute())
				.clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
				.build();
		}).orElse(null);
	}

	/** The account a freshly issued token of the connection acts as, read from the registration's user-info endpoint. */
	public ProviderAccount currentUser(Connection connection, URI userInfoUri, String accessToken) {
		return api.currentUser(client(connection), userInfoUri, accessToken);
	}

	/** Every provider's client, in the order of {@link ProviderType}. */
	Collection<ProviderClient> all() {
		return clients.values();
	}

}
