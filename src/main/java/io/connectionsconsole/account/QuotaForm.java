package io.connectionsconsole.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** What the Service quotas form posts: the account's own value, or nothing for the configured default. */
record QuotaForm(@Min(0) @Max(AccountService.MAX_CONNECTION_QUOTA) Integer connectionsPerRegion) {

}
