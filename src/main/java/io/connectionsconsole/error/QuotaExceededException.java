package io.connectionsconsole.error;

/** Creating one more resource would pass the account's quota, or a limit of the console's own. */
public class QuotaExceededException extends ConsoleException {

	private final int limit;

	/** A limit of the console's own, {@code limit} {@code scope} ("keys for one user"), and what frees a place. */
	public QuotaExceededException(String quotaName, int limit, String scope, String remedy) {
		this(limit, "You have reached the limit \"" + quotaName + "\" of " + limit + " " + scope + ". " + remedy);
	}

	private QuotaExceededException(int limit, String message) {
		super(message);
		this.limit = limit;
	}

	/** The account's quota of connections in a Region, which an administrator sets under Service quotas. */
	public static QuotaExceededException connections(String quotaName, int limit, String region) {
		return new QuotaExceededException(limit, (limit == 0)
				? "This account's quota \"" + quotaName + "\" is 0: it may hold no connections in " + region
						+ ". An administrator can raise it under Service quotas."
				: "You have reached the quota \"" + quotaName + "\" of " + limit
						+ ((limit == 1) ? " connection" : " connections") + " in " + region
						+ ". Delete a connection, or have an administrator raise the quota under Service quotas.");
	}

	public int limit() {
		return limit;
	}

}
