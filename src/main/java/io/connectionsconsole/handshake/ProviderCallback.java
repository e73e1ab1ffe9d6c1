package io.connectionsconsole.handshake;

/** The query of the provider's redirect back to the console: a code, or an error, with the state. */
record ProviderCallback(String code, String state, String error, String errorDescription) {

	@Override
	public String toString() {
		return "ProviderCallback[state=" + state + ", error=" + error + "]";
	}

}
