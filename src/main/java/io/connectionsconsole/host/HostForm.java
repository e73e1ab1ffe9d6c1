package io.connectionsconsole.host;

import org.springframework.validation.Errors;

import io.connectionsconsole.web.CheckedForm;
import io.connectionsconsole.web.FormErrors;

/**
 * What *Create host* posts. The client secret is never written back into the page, not even after a refused
 * submit.
 */
record HostForm(String name, HostType providerType, String url, Boolean forTesting, String clientId,
		String clientSecret, String caCertificate) implements CheckedForm {

	static final HostForm EMPTY = new HostForm("", null, "", false, "", "", "");

	HostForm {
		forTesting = Boolean.TRUE.equals(forTesting);
	}

	/** Every rule that needs no server at once, each at its field; the server is asked only once these hold. */
	@Override
	public void check(Errors errors) {
		FormErrors.check(errors, "name", () -> HostName.of(name == null ? "" : name.strip()));
		if (providerType == null && !errors.hasFieldErrors("providerType")) {
			errors.rejectValue("providerType", "required");
		}
		FormErrors.check(errors, "url", () -> HostProbe.url(url, forTesting));
		if ((clientId == null || clientId.isBlank()) && !errors.hasFieldErrors("clientId")) {
			errors.rejectValue("clientId", "required");
		}
		if ((clientSecret == null || clientSecret.isBlank()) && !errors.hasFieldErrors("clientSecret")) {
			errors.rejectValue("clientSecret", "required");
		}
		FormErrors.check(errors, "caCertificate", () -> HostProbe.caCertificates(caCertificate));
	}

	HostService.NewHost request() {
		return new HostService.NewHost(name, providerType, url, forTesting, clientId, clientSecret, caCertificate);
	}

	@Override
	public String toString() {
		return "HostForm[" + name + ", " + providerType + ", " + url + "]";
	}

}
