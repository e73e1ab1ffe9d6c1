package io.connectionsconsole.provider;

import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.connectionsconsole.monitoring.RequestLog;

/**
 * The GitHub App's webhook URL, {@code POST /webhooks/github} with a JSON body: nothing but a good signature gets a
 * delivery read. Every answer is a line of text, which GitHub shows in the app's delivery log.
 */
@RestController
class GitHubWebhookController {

	static final String URL = "/webhooks/github";

	/** GitHub's delivery ids are GUIDs; anything of this shape is taken as one. */
	private static final Pattern DELIVERY = Pattern.compile("[A-Za-z0-9-]{1,64}");

	private static final Pattern EVENT = Pattern.compile("[a-z_]{1,64}");

	private final GitHubWebhooks webhooks;

	private final JsonMapper json;

	GitHubWebhookController(GitHubWebhooks webhooks, JsonMapper json) {
		this.webhooks = webhooks;
		this.json = json;
	}

	@PostMapping(path = URL, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> receive(@RequestHeader(name = "X-GitHub-Event", required = false) String event,
			@RequestHeader(name = "X-GitHub-Delivery", required = false) String delivery,
			@RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
			@RequestBody(required = false) byte[] body) {
		if (!webhooks.taken()) {
			RequestLog.reason("not-an-app");
			return answer(HttpStatus.NOT_FOUND,
					"This console is not a GitHub App (console.providers.github.mode is oauth-app): it takes no webhooks.");
		}
		if (!webhooks.signedByGitHub(body == null ? new byte[0] : body, signature)) {
			RequestLog.reason("bad-signature");
			return answer(HttpStatus.UNAUTHORIZED, "The X-Hub-Signature-256 header is missing or does not sign this body "
					+ "with the app's webhook secret: nothing changed.");
		}
		if (event == null || !EVENT.matcher(event).matches() || delivery == null
				|| !DELIVERY.matcher(delivery).matches()) {
			RequestLog.reason("no-event-or-delivery-id");
			return answer(HttpStatus.BAD_REQUEST,
					"A delivery needs its X-GitHub-Event and X-GitHub-Delivery headers: nothing changed.");
		}
		JsonNode payload;
		try {
			payload = json.readTree(body);
		}
		catch (JacksonException ex) {
			RequestLog.reason("not-json");
			return answer(HttpStatus.BAD_REQUEST, "The body is not JSON: nothing changed.");
		}
		String action = ProviderJson.text(payload.path("action"));
		RequestLog.reason(action != null && EVENT.matcher(action).matches() ? event + "." + action : event);
		try {
			return answer(HttpStatus.OK, webhooks.receive(delivery, event, payload));
		}
		catch (DuplicateKeyException ex) {
			return answer(HttpStatus.OK, "Delivery " + delivery + " was taken at the same time: nothing changed.");
		}
	}

	/** A delivery in another content type: a webhook set to send form-encoded payloads, say. */
	@PostMapping(URL)
	ResponseEntity<String> otherContentType() {
		RequestLog.reason("not-json");
		return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "A delivery's body is JSON: set the webhook's content type to "
				+ "application/json. Nothing changed.");
	}

	private static ResponseEntity<String> answer(HttpStatus status, String line) {
		return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(line + "\n");
	}

}
