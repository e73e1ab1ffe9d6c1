package io.connectionsconsole.link;

/** A token just created, with its secret: the one time the secret is shown. */
public record NewLinkToken(LinkToken token, String secret) {

	@Override
	public String toString() {
		return "NewLinkToken[" + token.id() + "]";
	}

}
