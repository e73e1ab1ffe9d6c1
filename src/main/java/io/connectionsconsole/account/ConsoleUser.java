package io.connectionsconsole.account;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in user of the console, kept in the (possibly shared) session. */
public final class ConsoleUser implements UserDetails, CredentialsContainer {

	private static final long serialVersionUID = 1L;

	private final long id;

	private final String username;

	private final String accountId;

	private final Role role;

	private String passwordHash;

	/** Disabled rather than enabled, so that a session stored before users could be disabled reads as enabled. */
	private final boolean disabled;

	/** The identity provider the user signed in through; null for a password. */
	private final String identityProvider;

	/**
	 * The user's access version when they signed in (0 in a session stored before there were versions, as for a user
	 * whose access never changed): a session behind the user's current one ends ({@link AccountService#accessChanged}).
	 */
	private final long accessVersion;

	public ConsoleUser(long id, String username, AccountId accountId, Role role, String passwordHash, boolean enabled) {
		this(id, username, accountId, role, passwordHash, enabled, null, 0);
	}

	public ConsoleUser(long id, String username, AccountId accountId, Role role, String passwordHash, boolean enabled,
			String identityProvider, long accessVersion) {
		this.id = id;
		this.username = username;
		this.accountId = accountId.value();
		this.role = role;
		this.passwordHash = passwordHash;
		this.disabled = !enabled;
		this.identityProvider = identityProvider;
		this.accessVersion = accessVersion;
	}

	/** The same user, with the access version of a change they made themselves in this session. */
	public ConsoleUser withAccessVersion(long version) {
		return new ConsoleUser(id, username, AccountId.of(accountId), role, passwordHash, !disabled, identityProvider,
				version);
	}

	public long accessVersion() {
		return accessVersion;
	}

	/** The identity provider the user signed in through in this session; null when they signed in with a password. */
	public String identityProvider() {
		return identityProvider;
	}

	public Caller caller() {
		return new Caller(id, username, AccountId.of(accountId), role);
	}

	public long id() {
		return id;
	}

	public Role role() {
		return role;
	}

	public AccountId accountId() {
		return AccountId.of(accountId);
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority(role.authority()));
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return username;
	}

	/** Spring Security refuses to sign in a disabled user, whatever the password. */
	@Override
	public boolean isEnabled() {
		return !disabled;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ConsoleUser that && that.id == id;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(id);
	}

	@Override
	public String toString() {
		return "ConsoleUser[" + username + "@" + accountId + "]";
	}

}
