package io.connectionsconsole.account;

/** What the API's signature check needs of a key: whose it is and the secret to sign with. */
public record ApiCredentials(Caller caller, String secret) {

	@Override
	public String toString() {
		return "ApiCredentials[" + caller.username() + "]";
	}

}
