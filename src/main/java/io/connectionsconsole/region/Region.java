package io.connectionsconsole.region;

/** A region the console serves: its code ({@code us-east-1}) and its display name. */
public record Region(String code, String displayName) {

	public String label() {
		return displayName + " " + code;
	}

}
