package io.connectionsconsole.handshake;

import io.connectionsconsole.connection.HandshakeKind;

/**
 * How a handshake ended, each with the flash message the user sees. Every outcome but {@link #COMPLETED}
 * leaves the connection as it was; the messages take the connection's name as their argument.
 */
enum HandshakeOutcome {

	COMPLETED("flash.handshake.completed"),
	/** The user cancelled at the provider: {@code error=access_denied}. */
	CANCELLED("flash.handshake.cancelled"),
	/** No state, or one that is forged, used already, or another user's or account's: all answer the same. */
	STATE_UNKNOWN("flash.handshake.stateUnknown"),
	STATE_EXPIRED("flash.handshake.stateExpired"),
	CONNECTION_GONE("flash.handshake.connectionGone"),
	/** The connection is no longer pending its handshake: another one completed it meanwhile. */
	NOT_ACCEPTED("flash.handshake.notAccepted"),
	/** Update authorization of a connection that is not (or no longer) available or in error. */
	NOT_REAUTHORIZABLE("flash.handshake.notReauthorizable"),
	/** The handshake link it was started from was used, or expired, before the provider answered. */
	LINK_USED("flash.handshake.linkUsed"),
	/** The provider's client registration is missing: the message code gets the registration id appended. */
	NOT_CONFIGURED("flash.handshake.notConfigured"),
	/** The provider refused at its authorize page for another reason than the user's, such as a suspended app. */
	AUTHORIZATION_REFUSED("flash.handshake.authorizationRefused"),
	/** {@code bad_verification_code} (GitHub) or {@code invalid_grant}: the code is wrong, used or expired. */
	CODE_REJECTED("flash.handshake.codeRejected"),
	/** The console's client id or secret was refused. */
	CLIENT_REJECTED("flash.handshake.clientRejected"),
	/** The callback URL doesn't match the one registered at the provider. */
	REDIRECT_URI_REJECTED("flash.handshake.redirectUriRejected"),
	/** Any other OAuth2 error of the token endpoint. */
	PROVIDER_ERROR("flash.handshake.providerError"),
	PROVIDER_UNREACHABLE("flash.handshake.providerUnreachable"),
	/** HTTP 5xx. */
	PROVIDER_FAILED("flash.handshake.providerFailed"),
	/** HTTP 429, at the token endpoint. */
	RATE_LIMITED("flash.handshake.rateLimited"),
	/** A token answer the console can't read, or a callback with neither code nor error. */
	UNREADABLE_ANSWER("flash.handshake.unreadableAnswer"),
	/** A token was issued, but the provider's user endpoint didn't say whose it is. */
	USER_LOOKUP_FAILED("flash.handshake.userLookupFailed"),
	/** GitHub App mode: the app is authorized, the user now chooses its installation; nothing is stored yet. */
	CHOOSE_INSTALLATION("flash.handshake.chooseInstallation"),
	/** GitHub App mode: the installation chosen, or sent back to the Setup URL, is not among the user's. */
	INSTALLATION_NOT_YOURS("flash.handshake.installationNotYours"),
	/** GitHub App mode: the installation chosen is suspended at GitHub. */
	INSTALLATION_SUSPENDED("flash.handshake.installationSuspended"),
	/** GitHub App mode: an organization owner must approve the installation first. */
	INSTALLATION_REQUESTED("flash.handshake.installationRequested"),
	/** GitHub App mode: GitHub refused the user's token (revoked since they authorized the app) at their choice. */
	AUTHORIZATION_WITHDRAWN("flash.handshake.authorizationWithdrawn");

	private final String messageCode;

	HandshakeOutcome(String messageCode) {
		this.messageCode = messageCode;
	}

	String messageCode() {
		return messageCode;
	}

	/** The refusal of a handshake of this kind by a connection whose status doesn't accept it. */
	static HandshakeOutcome notAccepted(HandshakeKind kind) {
		return kind == HandshakeKind.COMPLETE ? NOT_ACCEPTED : NOT_REAUTHORIZABLE;
	}

}
