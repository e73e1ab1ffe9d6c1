package io.connectionsconsole.host;

import java.net.URI;
import java.time.Instant;

import io.connectionsconsole.account.AccountId;

/**
 * A team's own Git server in an account's Region: its kind, its URL, the OAuth application registered on it (the client
 * id; the secret stays sealed in the database), the CA certificate its TLS certificate is issued by when that is a
 * private one, whether it is a testing host (plain HTTP allowed), and what the console last found there.
 */
public record Host(String id, AccountId accountId, String region, HostName name, HostType type, URI url,
		boolean forTesting, String clientId, String caCertificate, HostStatus status, String statusReason,
		Instant createdAt, Instant checkedAt) {

	/** {@code arn:aws:apprunner:{region}:{account}:host/{name}/{id}}, as App Runner would name it. */
	public String arn() {
		return "arn:aws:apprunner:" + region + ":" + accountId.value() + ":host/" + name.value() + "/" + id;
	}

	/** Whether a server certificate of a private certificate authority is trusted for this host. */
	public boolean hasCaCertificate() {
		return caCertificate != null && !caCertificate.isBlank();
	}

}
