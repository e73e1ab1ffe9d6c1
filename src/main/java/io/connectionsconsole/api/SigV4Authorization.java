package io.connectionsconsole.api;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The parts of an {@code Authorization: AWS4-HMAC-SHA256 Credential={key}/{date}/{region}/{service}/aws4_request,
 * SignedHeaders=…, Signature=…} header.
 */
record SigV4Authorization(String accessKeyId, String date, String region, String service, String terminator,
		List<String> signedHeaders, String signature) {

	static final String ALGORITHM = "AWS4-HMAC-SHA256";

	static SigV4Authorization parse(String header) {
		if (header == null || header.isBlank()) {
			throw ApiException.missingAuthenticationToken();
		}
		String value = header.trim();
		if (!value.startsWith(ALGORITHM + " ")) {
			throw ApiException.incompleteSignature("The Authorization header must be AWS Signature Version 4: '"
					+ ALGORITHM + " Credential=..., SignedHeaders=..., Signature=...'.");
		}
		Map<String, String> parameters = new HashMap<>();
		for (String parameter : value.substring(ALGORITHM.length()).split(",")) {
			int eq = parameter.indexOf('=');
			if (eq > 0) {
				parameters.put(parameter.substring(0, eq).trim(), parameter.substring(eq + 1).trim());
			}
		}
		List<String> missing = Stream.of("Credential", "SignedHeaders", "Signature")
			.filter((name) -> parameters.getOrDefault(name, "").isEmpty())
			.toList();
		if (!missing.isEmpty()) {
			throw ApiException.incompleteSignature("Authorization header requires "
					+ missing.stream().map((name) -> "'" + name + "'").collect(Collectors.joining(", "))
					+ (missing.size() == 1 ? " parameter." : " parameters."));
		}
		String[] credential = parameters.get("Credential").split("/", -1);
		if (credential.length != 5 || Arrays.stream(credential).anyMatch(String::isEmpty)) {
			throw ApiException.incompleteSignature("Credential must have the form "
					+ "{access key id}/{yyyyMMdd}/{region}/{service}/aws4_request.");
		}
		return new SigV4Authorization(credential[0], credential[1], credential[2], credential[3], credential[4],
				List.of(parameters.get("SignedHeaders").split(";")), parameters.get("Signature"));
	}

	/** The credential scope, as the string to sign carries it. */
	String scope() {
		return date + "/" + region + "/" + service + "/" + terminator;
	}

}
