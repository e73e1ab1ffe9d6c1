package io.connectionsconsole.account;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Signs users in from the users table. */
@Service
class ConsoleUserDetailsService implements UserDetailsService {

	private final AccountRepository accounts;

	ConsoleUserDetailsService(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return accounts.findForSignIn(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
	}

}
