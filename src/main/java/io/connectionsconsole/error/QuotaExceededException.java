package io.connectionsconsole.error;

/** Creating one more resource would pass the account's quota. */
public class QuotaExceededException extends ConsoleException {

	private final int limit;

	public QuotaExceededException(String quotaName, int limit, String scope) {
		super("You have reached the quota \"" + quotaName + "\" of " + limit + " " + scope
				+ ". Delete one, or ask your administrator for a higher quota.");
		this.limit = limit;
	}

	public int limit() {
		return limit;
	}

}
