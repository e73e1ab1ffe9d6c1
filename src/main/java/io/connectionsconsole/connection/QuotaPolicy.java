package io.connectionsconsole.connection;

import org.springframework.stereotype.Component;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.account.AccountService;
import io.connectionsconsole.config.ConsoleProperties;

/** How many live connections an account may hold in one region: its own value, or the configured default. */
@Component
public class QuotaPolicy {

	private final AccountService accounts;

	private final int defaultLimit;

	QuotaPolicy(AccountService accounts, ConsoleProperties properties) {
		this.accounts = accounts;
		this.defaultLimit = properties.quota().connectionsPerRegion();
	}

	public int limitFor(AccountId account) {
		return accounts.connectionQuota(account).orElse(defaultLimit);
	}

}
