package io.connectionsconsole.web;

/**
 * What a user typed to confirm a deletion: exactly the word or name asked for, spaces around it aside. A control
 * character is nothing anyone types in a field, and no confirmation.
 */
public final class Confirmation {

	private Confirmation() {
	}

	public static boolean typed(String typed, String expected) {
		return typed != null && typed.chars().noneMatch(Character::isISOControl) && typed.strip().equals(expected);
	}

}
