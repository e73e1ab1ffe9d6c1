package io.connectionsconsole.account;

/**
 * Someone an identity provider signed in: the provider's id, the account its people land in, the subject ({@code sub})
 * the provider knows them by, the name they go by there (for a new user's name), and the role their groups give them
 * (null when they are in none of the groups that give one).
 */
public record IdentitySignIn(String provider, AccountId account, String subject, String name, Role role) {
}
