package io.connectionsconsole.account;

import java.time.Duration;
import java.util.Optional;

/**
 * The limits on guessing a user's password, beyond the sign-in form: the current password that Your password asks
 * for, and an administrator's clearing of a user name's sign-in throttle. The sign-in throttle keeps the counts.
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

}
