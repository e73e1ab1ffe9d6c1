package io.connectionsconsole.account;

/** An identity provider's sign-in the console refuses, and why; nothing was created or changed. */
public class IdentitySignInRefusedException extends RuntimeException {

	private final Reason reason;

	public IdentitySignInRefusedException(Reason reason) {
		super(reason.name(), null, false, false);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}

	public enum Reason {

		/** In none of the groups that make an Administrator or a Read-only user. */
		NO_GROUP,
		/** The user is disabled in the console. */
		DISABLED,
		/** The account the identity provider's people land in does not exist. */
		NO_ACCOUNT,
		/** The provider's answer did not hold (signature, issuer, audience, expiry, nonce, state). */
		INVALID_TOKEN

	}

}
