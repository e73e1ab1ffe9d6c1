package io.connectionsconsole.connection;

/** How many live connections a region holds for an account, against its quota. */
public record QuotaUsage(int used, int limit) {

	public boolean reached() {
		return used >= limit;
	}

}
