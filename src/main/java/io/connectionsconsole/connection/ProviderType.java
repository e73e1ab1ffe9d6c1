package io.connectionsconsole.connection;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.Printable;

/**
 * The repository providers a connection can reach; names as in App Runner's {@code ProviderType}, which knows the
 * first two ({@code GITLAB} is this console's own, and AWS's SDKs and CLI pass it through as they do any value).
 */
public enum ProviderType {

	GITHUB("GitHub", "github"), BITBUCKET("Bitbucket", "bitbucket"), GITLAB("GitLab", "gitlab");

	private final String displayName;

	private final String registrationId;

	ProviderType(String displayName, String registrationId) {
		this.displayName = displayName;
		this.registrationId = registrationId;
	}

	public String displayName() {
		return displayName;
	}

	/** The Spring Security OAuth2 client registration id of this provider. */
	public String registrationId() {
		return registrationId;
	}

	public static ProviderType parse(String value) {
		return Arrays.stream(values())
			.filter((p) -> p.name().equals(value))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("ProviderType",
					"ProviderType '" + Printable.excerpt(value, 40) + "' is not supported; choose one of "
							+ Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + "."));
	}

}
