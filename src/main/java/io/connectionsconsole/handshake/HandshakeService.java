package io.connectionsconsole.handshake;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionNotFoundException;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.ConnectionStatusException;
import io.connectionsconsole.connection.HandshakeKind;
import io.connectionsconsole.connection.ProviderTokens;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.crypto.RandomSecrets;
import io.connectionsconsole.error.Printable;
import io.connectionsconsole.provider.ProviderCallException;
import io.connectionsconsole.provider.ProviderNotConfiguredException;
import io.connectionsconsole.provider.Providers;
import io.connectionsconsole.provider.TokenEndpoint;

/**
 * The OAuth2 authorization code flow of docs/provider-setup.md (Complete handshake, Update authorization, and a handshake
 * started from a shared link). Each handshake is remembered in the database under its one-time state, with who started it, so that the callback can be
 * taken by any console instance and by nobody else. Provider calls run outside any database transaction;
 * what they give is stored through {@link ConnectionService}, which holds the rules. Handshakes started, completed
 * and failed are counted by provider and outcome ({@code console.handshakes.*}).
 */
@Service
class HandshakeService {

	private static final Logger log = LoggerFactory.getLogger(HandshakeService.class);

	/** Expired pending handshakes stay this long, so that a late callback hears "expired", not "unknown". */
	private static final Duration PENDING_KEPT = Duration.ofDays(1);

	private static final StringKeyGenerator STATES = RandomSecrets.urlSafe();

	private final ConnectionService connections;

	private final ClientRegistrationRepository registrations;

	private final PendingHandshakes pendingHandshakes;

	private final TokenEndpoint tokenEndpoint;

	private final Providers providers;

	private final HandshakeLinkService links;

	private final AppHandshake appHandshake;

	private final Clock clock;

	private final HandshakeMeters meters;

	HandshakeService(ConnectionService connections, ClientRegistrationRepository registrations,
			PendingHandshakes pendingHandshakes, TokenEndpoint tokenEndpoint, Providers providers,
			HandshakeLinkService links, AppHandshake appHandshake, Clock clock, HandshakeMeters meters) {
		this.connections = connections;
		this.registrations = registrations;
		this.pendingHandshakes = pendingHandshakes;
		this.tokenEndpoint = tokenEndpoint;
		this.providers = providers;
		this.links = links;
		this.appHandshake = appHandshake;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Remembers the handshake under a new state and answers the provider's authorize URL for the browser.
	 * {@code baseUrl} is the console's own address as the browser sees it, for the callback URL.
	 */
	URI start(Caller caller, ConnectionId id, HandshakeKind kind, String baseUrl) {
		return authorize(caller, connections.handshakeTarget(caller, id, kind), kind, null, baseUrl);
	}

	/**
	 * A link to share for the connection's handshake; refused, as its handshake would be, where the connection's
	 * provider has no client registration: whoever opened the link could not complete it.
	 */
	NewHandshakeLink shareLink(Caller caller, ConnectionId id) {
		caller.requireWrite("share handshake links");
		Connection connection = connections.get(caller, id);
		if (registrations.findByRegistrationId(Providers.registrationId(connection)) == null) {
			throw new ProviderNotConfiguredException(connection);
		}
		return links.create(caller, id);
	}

	/** Starts the handshake a link was shared for, as the caller, who opened the link and brings its sealed secret. */
	URI startFromLink(Caller caller, String sealedToken, String baseUrl) {
		HandshakeInvitation invitation = links.open(caller, sealedToken);
		return authorize(caller, invitation.connection(), HandshakeKind.COMPLETE, invitation.linkHash(), baseUrl);
	}

	private URI authorize(Caller caller, Connection connection, HandshakeKind kind, String linkHash, String baseUrl) {
		ClientRegistration registration = registrations.findByRegistrationId(Providers.registrationId(connection));
		if (registration == null) {
			throw new ProviderNotConfiguredException(connection);
		}
		String redirectUri = UriComponentsBuilder.fromUriString(registration.getRedirectUri())
			.buildAndExpand(Map.of("baseUrl", baseUrl, "registrationId", registration.getRegistrationId()))
			.toUriString();
		OAuth2AuthorizationRequest.Builder builder = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(registration.getProviderDetails().getAuthorizationUri())
			.clientId(registration.getClientId())
			.redirectUri(redirectUri)
			.scopes(registration.getScopes())
			.state(STATES.generateKey())
			.attributes((attributes) -> attributes.put(OAuth2ParameterNames.REGISTRATION_ID,
					registration.getRegistrationId()));
		if (registration.getClientSettings().isRequireProofKey()) {
			OAuth2AuthorizationRequestCustomizers.withPkce().accept(builder);
		}
		OAuth2AuthorizationRequest request = builder.build();
		Instant now = clock.instant();
		pendingHandshakes.deleteCreatedBefore(now.minus(PENDING_KEPT));
		pendingHandshakes.save(new PendingHandshake(request.getState(), connection.id(), kind, caller.accountId(),
				caller.userId(), registration.getRegistrationId(), connection.region(), redirectUri,
				request.getAttribute(PkceParameterNames.CODE_VERIFIER), linkHash, now));
		log.info("{} of {} started by {} at {}{}", kind.auditAction(), connection.arn(), caller.username(),
				registration.getRegistrationId(), linkHash == null ? "" : " from a handshake link");
		meters.started(registration.getRegistrationId());
		return URI.create(request.getAuthorizationRequestUri());
	}

	/**
	 * Takes the provider's callback: only the user who started the handshake can complete it, once, within
	 * ten minutes, while the connection still accepts it. Then the code becomes tokens, the tokens name the
	 * provider account, and the connection becomes {@code AVAILABLE}. Any failure changes nothing.
	 */
	HandshakeResult complete(Caller caller, String registrationId, ProviderCallback callback) {
		Optional<PendingHandshake> found = Optional.ofNullable(callback.state()).flatMap(pendingHandshakes::find);
		if (found.isEmpty() || !found.get().startedBy(caller)) {
			if (found.isPresent()) {
				// Someone else's state is left alone: showing it to another user must not cancel its handshake.
				log.warn("Handshake callback for {} refused: its state is of a handshake another user has under way, "
						+ "brought by {}", printable(registrationId), caller.username());
			}
			else {
				// A callback loaded again (Back, Reload) after its handshake ended: no one to warn.
				log.info("Handshake callback for {} refused: {}", printable(registrationId), callback.state() == null
						? "it carries no state" : "its state names no handshake " + caller.username() + " has under way");
			}
			return finished(knownProvider(registrationId), HandshakeOutcome.STATE_UNKNOWN, null, null);
		}
		PendingHandshake pending = found.get();
		if (!pendingHandshakes.take(pending.state())) {
			log.info("Handshake callback refused: its state was used meanwhile");
			return finished(pending.registrationId(), HandshakeOutcome.STATE_UNKNOWN, null, pending.region());
		}
		Connection connection;
		try {
			connection = connections.handshakeTarget(caller, pending.connectionId(), pending.kind());
		}
		catch (ConnectionNotFoundException ex) {
			return finished(pending.registrationId(), HandshakeOutcome.CONNECTION_GONE, null, pending.region());
		}
		catch (ConnectionStatusException ex) {
			return finished(pending.registrationId(), HandshakeOutcome.notAccepted(pending.kind()),
					ex.connection().name().value(), pending.region());
		}
		HandshakeOutcome outcome = exchangeAndStore(caller, registrationId, callback, pending, connection);
		return finished(pending.registrationId(), outcome, connection.name().value(),
				connection.region());
	}

	/** Counts how the handshake ended: completed, or failed with its outcome. */
	private HandshakeResult finished(String provider, HandshakeOutcome outcome, String connectionName, String region) {
		meters.finished(provider, outcome);
		return new HandshakeResult(outcome, connectionName, region);
	}

	/** The callback path names the provider, or hosts; anything else is counted as {@code unknown}. */
	private static String knownProvider(String registrationId) {
		return Providers.HOST_CALLBACK.equals(registrationId)
				|| Arrays.stream(ProviderType.values()).anyMatch((type) -> type.registrationId().equals(registrationId))
						? registrationId : "unknown";
	}

	/** Whether the callback came back where the handshake's provider sends it: its own path, or that of every host. */
	private static boolean cameBackOn(PendingHandshake pending, String registrationId) {
		return pending.registrationId().equals(registrationId) || Providers.HOST_CALLBACK.equals(registrationId)
				&& Providers.isHostRegistration(pending.registrationId());
	}

	private HandshakeOutcome exchangeAndStore(Caller caller, String registrationId, ProviderCallback callback,
			PendingHandshake pending, Connection connection) {
		if (pending.expiredAt(clock.instant())) {
			return HandshakeOutcome.STATE_EXPIRED;
		}
		if (!cameBackOn(pending, registrationId)) {
			log.warn("Handshake callback of {} refused: it came back on {} instead of {}", connection.arn(),
					printable(registrationId), pending.registrationId());
			return HandshakeOutcome.STATE_UNKNOWN;
		}
		if (callback.error() != null) {
			log.info("Handshake of {} refused at the provider's authorize page: {} {}", connection.arn(),
					printable(callback.error()), printable(callback.errorDescription()));
			return switch (callback.error()) {
				case "access_denied" -> HandshakeOutcome.CANCELLED;
				case "redirect_uri_mismatch" -> HandshakeOutcome.REDIRECT_URI_REJECTED;
				default -> HandshakeOutcome.AUTHORIZATION_REFUSED;
			};
		}
		if (callback.code() == null || callback.code().isBlank()) {
			return HandshakeOutcome.UNREADABLE_ANSWER;
		}
		ClientRegistration registration = registrations.findByRegistrationId(pending.registrationId());
		if (registration == null) {
			return HandshakeOutcome.NOT_CONFIGURED;
		}
		ProviderTokens tokens;
		try {
			tokens = tokenEndpoint.exchange(connection, registration, callback.code(), pending.state(), pending.redirectUri(),
					pending.codeVerifier());
		}
		catch (ProviderCallException ex) {
			HandshakeOutcome outcome = tokenFailure(ex);
			// A code refused (used, expired) is the user's to try again; the console's own credentials refused, or no
			// answer, is an operator's concern.
			if (outcome == HandshakeOutcome.CODE_REJECTED) {
				log.info("Handshake of {}: the token endpoint refused the code: {}", connection.arn(), ex.getMessage());
			}
			else {
				log.warn("Handshake of {}: the token endpoint failed: {}", connection.arn(), ex.getMessage());
			}
			return outcome;
		}
		Connection.ProviderAccount account;
		try {
			account = providers.currentUser(connection,
					URI.create(registration.getProviderDetails().getUserInfoEndpoint().getUri()), tokens.accessToken());
		}
		catch (ProviderCallException ex) {
			log.warn("Handshake of {}: the user endpoint failed: {}", connection.arn(), ex.getMessage());
			return HandshakeOutcome.USER_LOOKUP_FAILED;
		}
		if (appHandshake.applies(connection)) {
			appHandshake.offer(caller, pending, connection, account, tokens);
			log.info("{} of {}: {} authorized the GitHub App, the installation is theirs to choose",
					pending.kind().auditAction(), connection.arn(), account.login());
			return HandshakeOutcome.CHOOSE_INSTALLATION;
		}
		try {
			if (pending.linkHash() != null) {
				links.complete(caller, pending.linkHash(), connection.id(), account, tokens, null);
			}
			else {
				connections.completeHandshake(caller, connection.id(), pending.kind(), account, tokens, null);
			}
		}
		catch (ConnectionNotFoundException ex) {
			return HandshakeOutcome.CONNECTION_GONE;
		}
		catch (ConnectionStatusException ex) {
			return HandshakeOutcome.notAccepted(pending.kind());
		}
		catch (HandshakeLinkRefusedException ex) {
			log.info("Handshake of {} from a handshake link refused at completion: {}", connection.arn(), ex.reason());
			return HandshakeOutcome.LINK_USED;
		}
		log.info("{} of {} completed by {}: {} account {}", pending.kind().auditAction(), connection.arn(),
				caller.username(), connection.providerType().displayName(), account.login());
		return HandshakeOutcome.COMPLETED;
	}

	/** Callback parameters go into the log as one short line: a forged callback can't forge log lines. */
	private static String printable(String value) {
		return Printable.excerpt(value, 200);
	}

	static HandshakeOutcome tokenFailure(ProviderCallException ex) {
		return switch (ex.kind()) {
			case OAUTH_ERROR -> switch (ex.providerError()) {
				case "bad_verification_code", "invalid_grant" -> HandshakeOutcome.CODE_REJECTED;
				case "incorrect_client_credentials", "invalid_client", "unauthorized_client" ->
					HandshakeOutcome.CLIENT_REJECTED;
				case "redirect_uri_mismatch" -> HandshakeOutcome.REDIRECT_URI_REJECTED;
				default -> HandshakeOutcome.PROVIDER_ERROR;
			};
			// At a token endpoint a 401 refuses the client's credentials: no user token is involved yet.
			case TOKEN_REJECTED -> HandshakeOutcome.CLIENT_REJECTED;
			case UNREACHABLE -> HandshakeOutcome.PROVIDER_UNREACHABLE;
			case SERVER_ERROR -> HandshakeOutcome.PROVIDER_FAILED;
			case RATE_LIMITED -> HandshakeOutcome.RATE_LIMITED;
			case TOO_LARGE, UNEXPECTED_ANSWER -> HandshakeOutcome.UNREADABLE_ANSWER;
		};
	}

}
