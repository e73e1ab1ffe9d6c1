package io.connectionsconsole.host;

import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.connectionsconsole.account.AccountService;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.crypto.SecretCipher;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.NotFoundException;
import io.connectionsconsole.error.Printable;
import io.connectionsconsole.region.Region;

/**
 * Hosts: an administrator creates one per account and Region, naming a server and the OAuth application registered on
 * it; the console reaches the server before it stores anything, so that a host that can never work is refused at its
 * field, and one that can't be reached now is stored in {@code ERROR} with the reason, for *Retry*. A host that
 * connections go through can't be deleted.
 */
@Service
public class HostService {

	/** The longest client secret a host takes: an OAuth application's secret is tens of characters. */
	static final int MAX_CLIENT_SECRET = 1000;

	private final HostRepository hosts;

	private final HostProbe probe;

	private final SecretCipher cipher;

	private final AccountService accounts;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	HostService(HostRepository hosts, HostProbe probe, SecretCipher cipher, AccountService accounts, AuditLog audit,
			TransactionTemplate transactions, Clock clock, ApplicationEventPublisher events) {
		this.hosts = hosts;
		this.probe = probe;
		this.cipher = cipher;
		this.accounts = accounts;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
		this.events = events;
	}

	/** What *Create host* asks for. */
	public record NewHost(String name, HostType type, String url, boolean forTesting, String clientId,
			String clientSecret, String caCertificate) {

		@Override
		public String toString() {
			return "NewHost[" + name + ", " + type + ", " + url + "]";
		}

	}

	/**
	 * An OAuth 2.0 client's id and secret are of the printable ASCII characters and the space (RFC 6749, appendix A):
	 * anything else was pasted with them, and the secret's sealed form has room for no more. The secret's character
	 * is not named, as no part of a secret is shown.
	 */
	private static void requireOAuthCharacters(String clientId, String clientSecret) {
		int other = otherThanOAuthCharacter(clientId);
		if (other >= 0) {
			throw new InvalidInputException("ClientId", "An OAuth client id is made of printable ASCII characters; "
					+ "this one has " + Printable.codePoint(clientId, other) + " at position " + (other + 1)
					+ ": paste it alone.");
		}
		if (otherThanOAuthCharacter(clientSecret) >= 0) {
			throw new InvalidInputException("ClientSecret", "An OAuth client secret is made of printable ASCII "
					+ "characters, and this one has another: paste the secret alone.");
		}
	}

	private static int otherThanOAuthCharacter(String value) {
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) < 0x20 || value.charAt(i) > 0x7E) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Creates the host once its server has answered as what it says, or could not be reached (then {@code ERROR});
	 * every other finding is an {@link InvalidInputException} at its field, and nothing is stored.
	 */
	public Host create(Caller caller, Region region, NewHost request) {
		caller.requireWrite("manage hosts");
		HostName name = HostName.of(request.name() == null ? "" : request.name().strip());
		if (request.type() == null) {
			throw new InvalidInputException("ProviderType", "Choose the kind of server.");
		}
		URI url = HostProbe.url(request.url(), request.forTesting());
		String clientId = request.clientId() == null ? "" : request.clientId().strip();
		if (clientId.isEmpty() || clientId.length() > 255) {
			throw new InvalidInputException("ClientId", "Enter the client id (Application ID) of the OAuth application "
					+ "registered on the server, at most 255 characters.");
		}
		if (request.clientSecret() == null || request.clientSecret().isBlank()) {
			throw new InvalidInputException("ClientSecret", "Enter the client secret of the OAuth application.");
		}
		if (request.clientSecret().strip().length() > MAX_CLIENT_SECRET) {
			throw new InvalidInputException("ClientSecret", "The client secret is longer than " + MAX_CLIENT_SECRET
					+ " characters: paste the OAuth application's secret alone.");
		}
		requireOAuthCharacters(clientId, request.clientSecret().strip());
		String ca = request.caCertificate() == null || request.caCertificate().isBlank() ? null
				: request.caCertificate().strip();
		if (ca != null && ca.length() > 16_000) {
			throw new InvalidInputException("CaCertificate", "The CA certificate is longer than 16,000 characters.");
		}
		HostProbe.caCertificates(ca);
		if (hosts.liveNameExists(caller.accountId(), region.code(), name)) {
			throw duplicate(name, region);
		}
		HostProbe.Finding finding = probe.probe(request.type(), url, ca);
		Host host = new Host(UUID.randomUUID().toString().replace("-", ""), caller.accountId(), region.code(), name,
				request.type(), url, request.forTesting(), clientId, ca, finding.status(), finding.reason(),
				clock.instant(), clock.instant());
		String sealed = cipher.encrypt(request.clientSecret().strip());
		transactions.executeWithoutResult((status) -> {
			accounts.lock(caller.accountId());
			if (hosts.liveNameExists(caller.accountId(), region.code(), name)) {
				throw duplicate(name, region);
			}
			hosts.insert(host, sealed);
			audit.record(caller.accountId().value(), caller.username(), "CreateHost", host.arn(),
					host.type().awsName() + " " + url + " " + host.status());
		});
		return host;
	}

	private static InvalidInputException duplicate(HostName name, Region region) {
		return new InvalidInputException("Name", "A host named " + name.value() + " already exists in " + region.code()
				+ ".");
	}

	public List<Host> list(Caller caller, Region region) {
		caller.requireWrite("manage hosts");
		return hosts.live(caller.accountId(), region.code());
	}

	/** A host of the caller's account as any of its users sees it on a connection's page; deleted ones too. */
	public Optional<Host> of(Caller caller, String id) {
		return hosts.find(caller.accountId(), id);
	}

	public Host get(Caller caller, String id) {
		caller.requireWrite("manage hosts");
		return hosts.find(caller.accountId(), id)
			.filter((host) -> host.status() != HostStatus.DELETED)
			.orElseThrow(() -> gone(id));
	}

	private static NotFoundException gone(String id) {
		return new NotFoundException("Host " + Printable.excerpt(id, 64) + " does not exist in this account.");
	}

	/**
	 * The live host {@code id} of whichever account, with its client secret in plain text: what its connections'
	 * OAuth client and calls are made of. Empty once the host is deleted.
	 */
	public Optional<OAuthClient> oauthClient(String id) {
		return hosts.findLiveWithSecret(id).map((found) -> new OAuthClient(found.host(), cipher.decrypt(found.clientSecret())));
	}

	/**
	 * Why the console may not send a host's tokens to {@code url} now (its name resolves to a loopback, link-local or
	 * metadata address), as its creation would refuse it; empty where it may, or where the name doesn't resolve (the
	 * call then fails as any unreachable server's).
	 */
	public Optional<String> refusedAddress(URI url) {
		try {
			probe.requireReachableAddress(url);
			return Optional.empty();
		}
		catch (InvalidInputException ex) {
			return Optional.of(ex.getMessage());
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

	/** A host and the secret of the OAuth application registered on its server. */
	public record OAuthClient(Host host, String clientSecret) {

		@Override
		public String toString() {
			return "OAuthClient[" + host.arn() + "]";
		}

	}

	/** The names of the live connections made through the host, which keep it from being deleted. */
	public List<String> connectionsThrough(Caller caller, String id) {
		return hosts.liveConnectionNames(get(caller, id).id());
	}

	/**
	 * Asks the server again what it is and records the finding: a refusal of the probe (the other type, a
	 * certificate that doesn't verify, an address the console may not reach) is the host's error now.
	 */
	public Host retry(Caller caller, String id) {
		Host host = get(caller, id);
		HostProbe.Finding finding;
		try {
			finding = probe.probe(host.type(), host.url(), host.caCertificate());
		}
		catch (InvalidInputException ex) {
			finding = HostProbe.Finding.error(ex.getMessage());
		}
		if (!hosts.recordCheck(caller.accountId(), id, finding.status(), finding.reason(), clock.instant())) {
			throw gone(id);
		}
		audit.record(caller.accountId().value(), caller.username(), "CheckHost", host.arn(), finding.status().name());
		return get(caller, id);
	}

	/** Deletes the host, unless connections go through it: then a {@link HostInUseException} names them. */
	public Host delete(Caller caller, String id) {
		return transactions.execute((status) -> {
			Host host = get(caller, id);
			accounts.lock(caller.accountId());
			List<String> through = hosts.liveConnectionNames(id);
			if (!through.isEmpty()) {
				throw new HostInUseException(host, through);
			}
			if (!hosts.markDeleted(caller.accountId(), id, clock.instant())) {
				throw gone(id); // deleted meanwhile, by a request that held the lock before this one
			}
			events.publishEvent(new HostDeleted(id));
			audit.record(caller.accountId().value(), caller.username(), "DeleteHost", host.arn(), null);
			return host;
		});
	}

}
