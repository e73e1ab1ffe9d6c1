package io.connectionsconsole.provider;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import io.connectionsconsole.support.FakeGitHubApp;
import io.connectionsconsole.support.HandshakeTest;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A console in the OAuth App mode (the default) takes no webhooks, even one signed as GitHub would sign it. */
@HandshakeTest
class GitHubWebhookOAuthModeTest {

	@Autowired
	MockMvc mvc;

	@Test
	void theWebhookUrlIsNotThereInTheOAuthAppMode() throws Exception {
		byte[] body = "{\"action\": \"suspend\", \"installation\": {\"id\": 1}}".getBytes(StandardCharsets.UTF_8);

		mvc.perform(post("/webhooks/github").contentType(MediaType.APPLICATION_JSON)
			.header("X-GitHub-Event", "installation")
			.header("X-GitHub-Delivery", "3c6b1b2e-0000-4000-8000-000000000001")
			.header("X-Hub-Signature-256", FakeGitHubApp.signature(body))
			.content(body)).andExpect(status().isNotFound()).andExpect(content().string(containsString("oauth-app")));
	}

}
