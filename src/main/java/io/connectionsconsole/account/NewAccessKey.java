package io.connectionsconsole.account;

/** A key just created: the only moment its secret is shown. */
public record NewAccessKey(String id, String secret) {

	@Override
	public String toString() {
		return "NewAccessKey[" + id + "]";
	}

}
