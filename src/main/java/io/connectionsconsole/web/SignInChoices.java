package io.connectionsconsole.web;

import java.util.List;

/** Ways to sign in besides a password, which the sign-in page offers as buttons; a sign-in module implements this. */
public interface SignInChoices {

	List<Choice> choices();

	/** A way to sign in: its name on the button, and where the button leads. */
	record Choice(String id, String name, String url) {
	}

}
