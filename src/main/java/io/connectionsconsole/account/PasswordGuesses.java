package io.connectionsconsole.account;

import java.time.Duration;
import java.util.Optional;

/**
 * The limits on guessing a user's password, beyond the sign-in form: the current password that Your password asks
 * for, an administrator's clearing of a user name's sign-in throttle, and how many refusals of anonymous sign-ins are
 * written down. The sign-in throttle keeps the counts.
 */
public interface PasswordGuesses {

	/**
	 * Counts a check of {@code username}'s current password before it is made; answers how long such checks are
	 * refused when the allowance is used up, and then counts nothing.
	 */
	Optional<Duration> guessCurrentPassword(String username);

	/** The current password was right: its guesses start counting again. */
	void currentPasswordAccepted(String username);

	/** Sign-ins of {@code username} start counting again, refused ones are let through. */
	void clearSignInThrottle(String username);

	/**
	 * Whether a refused sign-in that anyone can make, without a user name (an identity provider's answer that did not
	 * hold), is the first of {@code kind} in 15 minutes: that one goes in the audit trail, later ones in the log only.
	 */
	boolean firstAnonymousRefusal(String kind);

}
