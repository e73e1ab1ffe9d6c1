package io.connectionsconsole.link;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.crypto.Sha256;
import io.connectionsconsole.provider.RepoName;
import io.connectionsconsole.support.HandshakeTest;
import io.connectionsconsole.web.Flash;
import io.connectionsconsole.support.HandshakeTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Repository links in the console: *Link repository* on an available connection's details page (checked at the
 * provider), the "Used by" section, a link's page with its ARN and clone URL, and its tokens: created with a name and
 * an expiry, the secret shown once and stored as its hash, revoked; the limits refused with their reason.
 */
@HandshakeTest
class LinkPagesTest extends HandshakeTestBase {

	@Autowired
	RepositoryLinkService links;

	private RequestPostProcessor as(Caller who) {
		return user(testAccounts.principal(who));
	}

	/** The flash of a refusal whose message contains {@code text}. */
	private static ResultMatcher refused(String text) {
		return (result) -> {
			Flash flash = (Flash) result.getFlashMap().get(Flash.ATTRIBUTE);
			assertThat(flash).isNotNull();
			assertThat(flash.type()).isEqualTo("error");
			assertThat(flash.argument()).contains(text);
		};
	}

	/** A refusal shown at a field of the form, with what was typed, rather than above the page. */
	private static ResultMatcher refusedAt(String field, String text) {
		return (result) -> {
			assertThat(result.getFlashMap().get(Flash.ATTRIBUTE)).isNull();
			LinkController.Refused refused = (LinkController.Refused) result.getFlashMap().get(LinkController.REFUSED);
			assertThat(refused).isNotNull();
			assertThat(refused.field()).isEqualTo(field);
			assertThat(refused.message()).contains(text);
		};
	}

	private String link(Connection connection, String repository) throws Exception {
		MvcResult created = mvc.perform(post("/connections/{id}/links", connection.id().value())
			.param("repository", repository)
			.with(as(caller))
			.with(csrf())).andExpect(redirectedUrlPattern("/links/*")).andReturn();
		return created.getResponse().getRedirectedUrl().substring("/links/".length());
	}

	@Test
	void anAdministratorLinksARepositoryTheProviderShowsAndTheDetailsPageListsIt() throws Exception {
		Connection connection = availableConnection("gh-links", ProviderType.GITHUB);
		fake.github().branches("octo/web", List.of("main"));
		mvc.perform(get("/connections/{id}", connection.id().value()).with(as(caller)))
			.andExpect(content().string(containsString("id=\"link-repository\"")))
			.andExpect(content().string(containsString("id=\"used-by-empty\"")));

		String id = link(connection, "octo/web");

		mvc.perform(get("/connections/{id}", connection.id().value()).with(as(caller)))
			.andExpect(content().string(containsString("<a href=\"/links/" + id + "\">octo/web</a>")));
		mvc.perform(get("/links/{id}", id).with(as(caller)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"link-arn\" class=\"copyable\">arn:aws:apprunner:us-west-2:"
					+ caller.accountId().value() + ":repositorylink/gh-links/" + id + "</code>")))
			.andExpect(content().string(containsString("id=\"link-clone-url\" class=\"copyable\">http://localhost/git-http/"
					+ caller.accountId().value() + "/us-west-2/" + connection.id().value() + "/octo/web.git</code>")))
			// each copy button says what it copies: a list of a page's buttons doesn't read "Copy, Copy"
			.andExpect(content().string(containsString("data-copy=\"link-arn\">Copy ARN</button>")))
			.andExpect(content().string(containsString("data-copy=\"link-clone-url\">Copy clone URL</button>")));
		mvc.perform(get("/console/links/{id}", id).contextPath("/console").with(as(caller)))
			.andExpect(content().string(containsString("id=\"link-clone-url\" class=\"copyable\">http://localhost/console/git-http/"
					+ caller.accountId().value() + "/us-west-2/" + connection.id().value() + "/octo/web.git</code>")));
	}

	@Test
	void aRepositoryTheConnectionCantReadIsNotLinked() throws Exception {
		Connection connection = availableConnection("gh-nolink", ProviderType.GITHUB);

		mvc.perform(post("/connections/{id}/links", connection.id().value()).param("repository", "octo/missing")
			.with(as(caller))
			.with(csrf()))
			.andExpect(redirectedUrl("/connections/" + connection.id().value()))
			.andExpect(refusedAt("Repository", "can't read repository octo/missing"));
		mvc.perform(post("/connections/{id}/links", connection.id().value()).param("repository", "not a repository")
			.with(as(caller))
			.with(csrf()))
			.andExpect(refusedAt("Repository", "is not a repository name"));

		assertThat(jdbc.sql("SELECT COUNT(*) FROM repository_link WHERE connection_id = :id")
			.param("id", connection.id().value())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aTokensSecretIsShownOnceAndStoredAsItsHashAndARevokedTokenSaysSo() throws Exception {
		Connection connection = availableConnection("gh-tokens", ProviderType.GITHUB);
		fake.github().branches("octo/web", List.of("main"));
		String id = link(connection, "octo/web");

		MvcResult created = mvc.perform(post("/links/{id}/tokens", id).param("name", "ci-runner")
			.param("days", "30")
			.with(as(caller))
			.with(csrf())).andExpect(redirectedUrl("/links/" + id)).andReturn();
		String page = mvc.perform(get("/links/{id}", id).cookie(created.getResponse().getCookies()).with(as(caller)))
			.andExpect(content().string(matchesPattern("(?s).*id=\"new-token-secret\" class=\"secret\">ccgit_[A-Za-z0-9_-]{43}</code>.*")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String secret = page.replaceFirst("(?s).*id=\"new-token-secret\" class=\"secret\">(ccgit_[A-Za-z0-9_-]{43})</code>.*", "$1");

		mvc.perform(get("/links/{id}", id).with(as(caller)))
			.andExpect(content().string(not(containsString(secret))))
			.andExpect(content().string(containsString(">Active</td>")));
		assertThat(jdbc.sql("SELECT token_hash FROM link_token WHERE link_id = :id").param("id", id).query(String.class).single())
			.isEqualTo(Sha256.hex(secret));

		String tokenId = jdbc.sql("SELECT id FROM link_token WHERE link_id = :id").param("id", id).query(String.class).single();
		String revokeUrl = "/links/" + id + "/tokens/" + tokenId + "/revoke";
		// Revoke is a link to a page that asks first, as a dialog over the link's page for htmx
		mvc.perform(get("/links/{id}", id).with(as(caller)))
			.andExpect(content().string(matchesPattern("(?s).*<a class=\"btn btn-normal\"\\s+href=\"" + revokeUrl
					+ "\"\\s+hx-get=\"" + revokeUrl + "\" hx-target=\"#modal-root\" hx-swap=\"innerHTML\" "
					+ "hx-push-url=\"false\"\\s+"
					+ "aria-label=\"Revoke token ci-runner\">Revoke</a>.*")));
		mvc.perform(get(revokeUrl).with(as(caller)))
			.andExpect(content().string(containsString("<title>Revoke token ci-runner | Connections Console</title>")))
			.andExpect(content().string(containsString("<dialog id=\"revoke-dialog\" class=\"modal\"")))
			.andExpect(content().string(containsString("open=\"open\">")))
			.andExpect(content().string(containsString("<h1 id=\"revoke-heading\">Revoke token ci-runner</h1>")))
			.andExpect(content().string(containsString("action=\"" + revokeUrl + "\"")));
		mvc.perform(get(revokeUrl).header("HX-Request", "true").header("HX-Target", "modal-root").with(as(caller)))
			.andExpect(content().string(startsWith("<dialog id=\"revoke-dialog\" class=\"modal\"")))
			.andExpect(content().string(containsString("<h2 id=\"revoke-heading\">Revoke token ci-runner</h2>")))
			.andExpect(content().string(not(containsString("open="))));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM link_token WHERE id = :id AND revoked_at IS NULL").param("id", tokenId)
			.query(Integer.class)
			.single()).as("asking revokes nothing").isOne();
		mvc.perform(get("/links/{id}/tokens/{token}/revoke", id, "no-such-token").with(as(caller)))
			.andExpect(status().isNotFound());

		mvc.perform(post(revokeUrl).with(as(caller)).with(csrf()))
			.andExpect(redirectedUrl("/links/" + id))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.linkToken.revoked", "ci-runner")));
		mvc.perform(get("/links/{id}", id).with(as(caller))).andExpect(content().string(containsString(">Revoked</td>")));
		mvc.perform(post(revokeUrl).with(as(caller)).with(csrf()))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("info", "flash.linkToken.revokedAlready", "ci-runner")));
		// asked again from a page shown before (another tab): nothing left to ask
		mvc.perform(get(revokeUrl).with(as(caller)))
			.andExpect(redirectedUrl("/links/" + id))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("info", "flash.linkToken.revokedAlready", "ci-runner")));
	}

	@Test
	void aReadOnlyUserSeesTheTokensWithoutAnActionsColumnAndIsRefusedTheRevocation() throws Exception {
		Connection connection = availableConnection("gh-read-only", ProviderType.GITHUB);
		fake.github().branches("octo/web", List.of("main"));
		String id = link(connection, "octo/web");
		String tokenId = links.createToken(caller, id, "ci-runner", 30).token().id();
		Caller reader = testAccounts.newUser(caller.accountId(), Role.READ_ONLY);

		mvc.perform(get("/links/{id}", id).with(as(reader)))
			.andExpect(content().string(containsString(">ci-runner</td>")))
			.andExpect(content().string(not(containsString(">Actions</th>"))))
			.andExpect(content().string(not(containsString("/revoke"))));
		mvc.perform(get("/links/{id}", id).with(as(caller))).andExpect(content().string(containsString(">Actions</th>")));
		mvc.perform(get("/links/{id}/tokens/{token}/revoke", id, tokenId).with(as(reader)))
			.andExpect(status().isForbidden());
	}

	@Test
	void aRefusedFieldComesBackWithWhatWasTypedAndItsErrorTiedToIt() throws Exception {
		Connection connection = availableConnection("gh-typed", ProviderType.GITHUB);
		fake.github().branches("octo/web", List.of("main"));
		String id = link(connection, "octo/web");

		MvcResult token = mvc.perform(post("/links/{id}/tokens", id).param("name", "nightly-build").param("days", "400")
			.with(as(caller))
			.with(csrf())).andExpect(refusedAt("Expiry", "1 to 365 days")).andReturn();
		mvc.perform(get("/links/{id}", id).cookie(token.getResponse().getCookies()).with(as(caller)))
			// the console's refusal, not the browser's: the form is sent as typed, as every form of the console
			.andExpect(content().string(matchesPattern("(?s).*<form [^>]*id=\"create-link-token\"[^>]*novalidate>.*")))
			.andExpect(content().string(matchesPattern("(?s).*id=\"token-name\"[^>]*value=\"nightly-build\".*")))
			.andExpect(content().string(not(matchesPattern("(?s).*id=\"token-name\"[^>]*aria-invalid.*"))))
			.andExpect(content().string(matchesPattern("(?s).*id=\"token-days\"[^>]*value=\"400\"[^>]*"
					+ "aria-invalid=\"true\"[^>]*aria-describedby=\"token-days-error\".*")))
			.andExpect(content().string(containsString("id=\"token-days-error\"")));
		MvcResult repository = mvc.perform(post("/connections/{id}/links", connection.id().value())
			.param("repository", "octo/web extra")
			.with(as(caller))
			.with(csrf())).andExpect(refusedAt("Repository", "is not a repository name")).andReturn();
		mvc.perform(get("/connections/{id}", connection.id().value()).cookie(repository.getResponse().getCookies())
			.with(as(caller)))
			.andExpect(content().string(matchesPattern("(?s).*id=\"link-repository-name\"[^>]*value=\"octo/web extra\""
					+ "[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"link-repository-name-error\".*")))
			.andExpect(content().string(matchesPattern("(?s).*id=\"link-repository-name-error\">\\s*Repository "
					+ "&#39;octo/web extra&#39; is not a repository name.*")));
		// the next visit, in the same session, shows the form as new
		mvc.perform(get("/links/{id}", id).cookie(token.getResponse().getCookies()).with(as(caller)))
			.andExpect(content().string(not(containsString("nightly-build"))))
			.andExpect(content().string(not(containsString("token-days-error"))));
	}

	@Test
	void aRefusalOfAConnectionWhoseTokenWasRejectedMeanwhileIsShownThoughTheFormIsGone() throws Exception {
		Connection connection = availableConnection("gh-rejected", ProviderType.GITHUB);
		fake.github().branches("octo/web", List.of("main"));
		fake.github().revokeAll();

		MvcResult refused = mvc.perform(post("/connections/{id}/links", connection.id().value())
			.param("repository", "octo/web")
			.with(as(caller))
			.with(csrf())).andExpect(refusedAt("Repository", "could not be asked about octo/web")).andReturn();

		mvc.perform(get("/connections/{id}", connection.id().value()).cookie(refused.getResponse().getCookies())
			.with(as(caller)))
			.andExpect(content().string(not(containsString("id=\"link-repository-name\""))))
			.andExpect(content().string(matchesPattern("(?s).*id=\"link-refused\".*could not be asked about octo/web.*")));
	}

	@Test
	void aLinksLiveTokensHaveNamesOfTheirOwnSoAFormSentTwiceMakesOneToken() throws Exception {
		Connection connection = availableConnection("gh-token-names", ProviderType.GITHUB);
		fake.github().branches("octo/web", List.of("main"));
		String id = link(connection, "octo/web");

		for (int sent = 0; sent < 2; sent++) {
			mvc.perform(post("/links/{id}/tokens", id).param("name", "deployer").param("days", "7").with(as(caller))
				.with(csrf()));
		}
		mvc.perform(post("/links/{id}/tokens", id).param("name", " deployer ").param("days", "7").with(as(caller))
			.with(csrf())).andExpect(refusedAt("Name", "a live token named deployer already"));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM link_token WHERE link_id = :id").param("id", id).query(Integer.class)
			.single()).isOne();

		String tokenId = jdbc.sql("SELECT id FROM link_token WHERE link_id = :id").param("id", id).query(String.class)
			.single();
		mvc.perform(post("/links/{id}/tokens/{token}/revoke", id, tokenId).with(as(caller)).with(csrf()));
		mvc.perform(post("/links/{id}/tokens", id).param("name", "deployer").param("days", "7").with(as(caller))
			.with(csrf())).andExpect(flash().attributeExists("createdToken"));
	}

	@Test
	void anExpiryOutsideOneTo365DaysAndAnEleventhLiveTokenAreRefused() throws Exception {
		Connection connection = availableConnection("gh-limits", ProviderType.GITHUB);
		fake.github().branches("octo/web", List.of("main"));
		String id = link(connection, "octo/web");

		for (String days : List.of("0", "366", "3.0", "abc", "")) {
			mvc.perform(post("/links/{id}/tokens", id).param("name", "ci").param("days", days).with(as(caller)).with(csrf()))
				.andExpect(refusedAt("Expiry", "1 to 365 days"));
		}
		for (int i = 1; i <= RepositoryLinkService.MAX_LIVE_TOKENS; i++) {
			mvc.perform(post("/links/{id}/tokens", id).param("name", "ci-" + i).param("days", "1").with(as(caller)).with(csrf()))
				.andExpect(flash().attributeExists("createdToken"));
		}
		mvc.perform(post("/links/{id}/tokens", id).param("name", "one-more").param("days", "1").with(as(caller)).with(csrf()))
			.andExpect(flash().attributeCount(1))
			.andExpect(refused("Live tokens per repository link"));
	}

	@Test
	void aReadOnlyUserSeesLinksButCantMakeOrRevokeThem() throws Exception {
		Connection connection = availableConnection("gh-readers", ProviderType.GITHUB);
		fake.github().branches("octo/web", List.of("main"));
		String id = link(connection, "octo/web");
		Caller reader = testAccounts.newUser(caller.accountId(), Role.READ_ONLY);

		mvc.perform(get("/connections/{id}", connection.id().value()).with(as(reader)))
			.andExpect(content().string(containsString(">octo/web</a>")))
			.andExpect(content().string(not(containsString("id=\"link-repository\""))));
		mvc.perform(get("/links/{id}", id).with(as(reader)))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("id=\"create-link-token\""))));
		mvc.perform(post("/links/{id}/tokens", id).param("name", "ci").param("days", "1").with(as(reader)).with(csrf()))
			.andExpect(refused("not allowed"));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM link_token WHERE link_id = :id").param("id", id).query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aUsedConnectionsDeleteListsItsLinksAndTakesThemOnlyWhenItsNameIsTyped() throws Exception {
		Connection connection = availableConnection("gh-doomed", ProviderType.GITHUB);
		fake.github().branches("octo/web", List.of("main"));
		fake.github().branches("octo/api", List.of("main"));
		String web = link(connection, "octo/web");
		link(connection, "octo/api");

		mvc.perform(get("/connections/{id}/delete", connection.id().value()).with(as(caller)))
			.andExpect(content().string(containsString("Used by 2 repository links: octo/api, octo/web.")))
			.andExpect(content().string(containsString("data-confirm-word=\"gh-doomed\"")))
			.andExpect(content().string(containsString("Delete the connection and its 2 links")));
		mvc.perform(post("/connections/{id}/delete", connection.id().value()).param("confirm", "delete")
			.with(as(caller))
			.with(csrf())).andExpect(flash().attribute("flash",
					new Flash("error", "flash.connection.deleteNotConfirmedName", "gh-doomed")));
		assertThat(connections.get(caller, connection.id()).status().name()).isEqualTo("AVAILABLE");

		mvc.perform(post("/connections/{id}/delete", connection.id().value()).param("confirm", "gh-doomed")
			.with(as(caller))
			.with(csrf())).andExpect(flash().attribute("flash",
					new Flash("success", "flash.connection.deletedWithUses", "gh-doomed")));

		assertThat(connections.count(caller, regions.require("us-west-2"), "gh-doomed")).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM repository_link WHERE id = :id").param("id", web)
			.query(Integer.class).single()).isZero();
	}

	@Test
	void aDeletedLinkTakesItsTokensAndLeavesTheConnection() throws Exception {
		Connection connection = availableConnection("gh-unlink", ProviderType.GITHUB);
		fake.github().branches("octo/web", List.of("main"));
		String id = link(connection, "octo/web");
		mvc.perform(post("/links/{id}/tokens", id).param("name", "ci").param("days", "1").with(as(caller)).with(csrf()));

		mvc.perform(post("/links/{id}/delete", id).param("confirm", "nope").with(as(caller)).with(csrf()))
			.andExpect(redirectedUrl("/links/" + id));
		mvc.perform(post("/links/{id}/delete", id).param("confirm", "delete").with(as(caller)).with(csrf()))
			.andExpect(redirectedUrl("/connections/" + connection.id().value()))
			.andExpect(flash().attribute("flash", new Flash("success", "flash.link.deleted", "octo/web")));

		mvc.perform(get("/links/{id}", id).with(as(caller))).andExpect(status().isNotFound());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM link_token WHERE link_id = :id").param("id", id)
			.query(Integer.class).single()).isZero();
		mvc.perform(get("/connections/{id}", connection.id().value()).with(as(caller)))
			.andExpect(content().string(containsString("id=\"used-by-empty\"")));
		mvc.perform(post("/connections/{id}/delete", connection.id().value()).param("confirm", "delete")
			.with(as(caller))
			.with(csrf())).andExpect(flash().attribute("flash",
					new Flash("success", "flash.connection.deleted", "gh-unlink")));
	}

	@Test
	void theChosenRepositoryOfTheRepositoriesSectionIsLinkedWithOneButton() throws Exception {
		Connection connection = availableConnection("gh-chosen", ProviderType.GITHUB);
		fake.github().repositories(List.of("octo/web"), true);
		fake.github().branches("octo/web", List.of("main"));

		mvc.perform(get("/connections/{id}/repositories", connection.id().value()).param("repository", "octo/web")
			.with(as(caller)))
			.andExpect(content().string(containsString("id=\"link-chosen-repository\"")))
			.andExpect(content().string(containsString("name=\"repository\" value=\"octo/web\"")));
		String id = link(connection, "octo/web");

		assertThat(links.details(caller, id).link().repository().fullName()).isEqualTo("octo/web");
	}

	@Test
	void aFiftyFirstLinkIsRefused() throws Exception {
		Connection connection = availableConnection("gh-fifty", ProviderType.GITHUB);
		for (int i = 1; i <= RepositoryLinkService.MAX_LINKS + 1; i++) {
			fake.github().branches("octo/repo-" + i, List.of("main"));
		}
		for (int i = 1; i <= RepositoryLinkService.MAX_LINKS; i++) {
			links.create(caller, connection.id(), RepoName.parse("octo/repo-" + i));
		}

		int asked = fake.github().apiRequests().size();
		mvc.perform(post("/connections/{id}/links", connection.id().value())
			.param("repository", "octo/repo-" + (RepositoryLinkService.MAX_LINKS + 1))
			.with(as(caller))
			.with(csrf())).andExpect(refused("Repository links per connection"));
		mvc.perform(post("/connections/{id}/links", connection.id().value())
			.param("repository", "octo/repo-1")
			.with(as(caller))
			.with(csrf())).andExpect(refusedAt("Repository", "already links repository octo/repo-1"));
		assertThat(fake.github().apiRequests()).as("refused before the provider is asked").hasSize(asked);
		mvc.perform(get("/connections/{id}", connection.id().value()).with(as(caller)))
			.andExpect(content().string(containsString("(" + RepositoryLinkService.MAX_LINKS + ")")));
	}

}
