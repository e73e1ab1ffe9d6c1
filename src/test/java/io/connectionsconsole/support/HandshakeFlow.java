package io.connectionsconsole.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Drives a handshake as a browser would: Complete handshake, the console's redirect to the provider, the
 * provider's authorize page (fetched over HTTP from the fake), and the link the user clicks back to the
 * console's callback.
 */
public final class HandshakeFlow {

	private static final Pattern LINK = Pattern.compile("id=\"(authorize|cancel)\" href=\"([^\"]+)\"");

	private final MockMvc mvc;

	private final TestAccounts testAccounts;

	private final HttpClient http = HttpClient.newBuilder().sslContext(FakeProviders.trust()).build();

	public HandshakeFlow(MockMvc mvc, TestAccounts testAccounts) {
		this.mvc = mvc;
		this.testAccounts = testAccounts;
	}

	/** Posts Complete handshake and answers the provider URL the console redirects to. */
	public String start(Caller caller, Connection connection) throws Exception {
		return redirectToProvider(caller, "/connections/{id}/handshake", connection);
	}

	/** Posts Update authorization and answers the provider URL the console redirects to. */
	public String startReauthorization(Caller caller, Connection connection) throws Exception {
		return redirectToProvider(caller, "/connections/{id}/reauthorize", connection);
	}

	private String redirectToProvider(Caller caller, String action, Connection connection) throws Exception {
		String location = mvc
			.perform(post(action, connection.id().value())
				.with(user(testAccounts.principal(caller)))
				.with(csrf()))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).isNotNull();
		return location;
	}

	/** The link behind the provider page's Authorize button. */
	public URI authorizeLink(String authorizeUrl) throws Exception {
		return link(authorizeUrl, "authorize");
	}

	/** The link behind the provider page's Cancel button. */
	public URI cancelLink(String authorizeUrl) throws Exception {
		return link(authorizeUrl, "cancel");
	}

	/** The provider's redirect back to the console, arriving in the session of {@code caller}. */
	public ResultActions callback(Caller caller, URI link) throws Exception {
		return mvc.perform(get(link).with(user(testAccounts.principal(caller))));
	}

	/** The whole handshake, with the user clicking Authorize. */
	public ResultActions complete(Caller caller, Connection connection) throws Exception {
		return callback(caller, authorizeLink(start(caller, connection)));
	}

	/** The whole of Update authorization, with the user clicking Authorize. */
	public ResultActions reauthorize(Caller caller, Connection connection) throws Exception {
		return callback(caller, authorizeLink(startReauthorization(caller, connection)));
	}

	private URI link(String authorizeUrl, String id) throws Exception {
		HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(authorizeUrl)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).as("the provider's authorize page").isEqualTo(200);
		Matcher links = LINK.matcher(page.body());
		while (links.find()) {
			if (links.group(1).equals(id)) {
				return URI.create(links.group(2).replace("&quot;", "\"").replace("&lt;", "<").replace("&amp;", "&"));
			}
		}
		throw new AssertionError("No " + id + " link on the provider page: " + page.body());
	}

}
