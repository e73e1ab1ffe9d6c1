package io.connectionsconsole.handshake;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MvcResult;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.audit.AuditEvent;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.crypto.Sha256;
import io.connectionsconsole.support.HandshakeTest;
import io.connectionsconsole.support.HandshakeTestBase;
import io.connectionsconsole.support.TestAccounts;
import io.connectionsconsole.web.Flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Create handshake link: an administrator shares a link for a pending connection; another administrator of the account
 * opens it, signs in, and completes the handshake as themselves. A link works once, for 24 hours, and only for an
 * administrator of its account; every refusal changes nothing. Only the hash of the link's secret is stored.
 */
@HandshakeTest
@ExtendWith(OutputCaptureExtension.class)
class HandshakeLinkTest extends HandshakeTestBase {

	private static final Pattern LINK = Pattern.compile("id=\"handshake-link-url\" class=\"copyable\">([^<]+)</code>");

	@Autowired
	AuditLog audit;

	@Autowired
	LoggingSystem loggingSystem;

	Caller owner;

	Connection connection;

	@BeforeEach
	void pendingConnection() {
		owner = caller;
		connection = connections.create(owner, regions.require("eu-west-2"), ConnectionName.of("shared-one"),
				ProviderType.GITHUB, Tags.none());
	}

	/** Create handshake link, and the page it leads to: answers the link shown there. */
	private String shareLink(Caller who) throws Exception {
		MvcResult created = mvc.perform(post("/connections/{id}/handshake-link", connection.id().value())
			.with(user(testAccounts.principal(who)))
			.with(csrf()))
			.andExpect(redirectedUrl("/connections/" + connection.id().value() + "/handshake-link"))
			.andReturn();
		String page = mvc.perform(get(created.getResponse().getRedirectedUrl())
			.cookie(created.getResponse().getCookies())
			.with(user(testAccounts.principal(who))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Matcher link = LINK.matcher(page);
		assertThat(link.find()).as("the link on the page").isTrue();
		return link.group(1);
	}

	/** Opens the link without being signed in: answers the cookie that now holds it; no session is made. */
	private Cookie open(String link) throws Exception {
		MvcResult opened = mvc.perform(get(URI.create(link)))
			.andExpect(redirectedUrl("/connections/handshake/link"))
			.andReturn();
		assertThat(opened.getResponse().getCookie("SESSION")).isNull();
		Cookie cookie = opened.getResponse().getCookie(HandshakeLinkFilter.COOKIE);
		assertThat(cookie).isNotNull();
		return cookie;
	}

	private String token(String link) {
		return link.substring(link.lastIndexOf('/') + 1);
	}

	private long pendingHandshakes() {
		return jdbc.sql("SELECT COUNT(*) FROM pending_handshake WHERE connection_id = :id")
			.param("id", connection.id().value())
			.query(Long.class)
			.single();
	}

	private ConnectionStatus connectionStatus() {
		return connections.get(owner, connection.id()).status();
	}

	@Test
	void anotherAdministratorOpensTheLinkSignsInAndCompletesTheHandshakeAsThemselves() throws Exception {
		String link = shareLink(owner);
		Caller colleague = testAccounts.newUser(owner.accountId(), Role.ADMIN);
		fake.github().user("org-owner", "Organization Owner");

		Cookie anonymous = open(link);
		MvcResult toSignIn = mvc.perform(get("/connections/handshake/link").cookie(anonymous).accept("text/html"))
			.andExpect(redirectedUrl("/login"))
			.andReturn();
		// The browser sends its session and the cookie that remembers the page it asked for.
		MvcResult signedIn = mvc.perform(post("/login").param("username", colleague.username())
			.param("password", TestAccounts.PASSWORD)
			.cookie(anonymous)
			.cookie(toSignIn.getResponse().getCookies())
			.with(csrf()))
			.andExpect(redirectedUrl("http://localhost/connections/handshake/link"))
			.andReturn();
		assertThat(toSignIn.getResponse().getRedirectedUrl()).doesNotContain(token(link));
		assertNotInTheDatabase(token(link));
		Cookie session = signedIn.getResponse().getCookie("SESSION");
		MvcResult invitation = mvc.perform(get("/connections/handshake/link").cookie(session, anonymous))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Connect shared-one to GitHub")))
			.andExpect(content().string(containsString("id=\"invitation-shared-by\">" + owner.username() + "<")))
			.andReturn();
		assertThat(invitation.getResponse().getHeaders("Set-Cookie")).as("the link page consumes the cookie")
			.anySatisfy((cookie) -> assertThat(cookie).startsWith(HandshakeLinkFilter.COOKIE + "=;")
				.contains("Max-Age=0"));
		String authorizeUrl = mvc.perform(post("/connections/handshake/link").cookie(session).with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(authorizeUrl).startsWith(fake.github().authorizationUri(fake.baseUrl()));
		// Back from the provider's page before authorizing: the link is still there to continue with
		mvc.perform(get("/connections/handshake/link").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Connect shared-one to GitHub")));

		mvc.perform(get(flow.authorizeLink(authorizeUrl)).cookie(session))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.handshake.completed", "shared-one")));
		mvc.perform(get("/connections/handshake/link").cookie(session))
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("was used already")));

		Connection completed = connections.get(owner, connection.id());
		assertThat(completed.status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(completed.providerAccount().login()).isEqualTo("org-owner");
		List<AuditEvent> events = audit.latest(owner.accountId().value(), 4);
		assertThat(events).extracting(AuditEvent::action)
			.containsExactly("UseHandshakeLink", "CompleteHandshake", "SignIn", "CreateHandshakeLink");
		assertThat(events.get(0).actor()).isEqualTo(colleague.username());
		assertThat(events.get(0).detail()).isEqualTo("Link made by " + owner.username());
		assertThat(events.get(1).actor()).isEqualTo(colleague.username());
		assertThat(events.get(2).actor()).isEqualTo(colleague.username());
		assertThat(events.get(3).actor()).isEqualTo(owner.username());
	}

	@Test
	void aLinkOpenedWithoutSigningInStoresNoSessionAndKeepsItsSecretEncryptedInAShortLivedCookie() throws Exception {
		String link = shareLink(owner);
		long sessions = jdbc.sql("SELECT COUNT(*) FROM spring_session").query(Long.class).single();

		MvcResult opened = mvc.perform(get(URI.create(link))).andReturn();
		MvcResult overHttps = mvc.perform(get(URI.create(link)).secure(true)).andReturn();

		assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session").query(Long.class).single()).isEqualTo(sessions);
		assertThat(opened.getResponse().getHeaders("Set-Cookie")).singleElement()
			.satisfies((cookie) -> assertThat(cookie).startsWith(HandshakeLinkFilter.COOKIE + "=")
				.doesNotContain(token(link))
				.contains("; Path=/connections/handshake/link;", "; Max-Age=1800;", "; HttpOnly", "; SameSite=Lax")
				.doesNotContain("Secure"));
		assertThat(overHttps.getResponse().getHeaders("Set-Cookie")).singleElement()
			.satisfies((cookie) -> assertThat(cookie).contains("; Secure"));
	}

	@Test
	void theLinksRedirectCarriesTheSecurityHeadersOfEveryConsolePage() throws Exception {
		String link = shareLink(owner);
		List<String> headers = List.of("Cache-Control", "Pragma", "Expires", "X-Content-Type-Options", "X-Frame-Options",
				"Referrer-Policy", "Content-Security-Policy", "Strict-Transport-Security");
		MvcResult page = mvc.perform(get("/login").secure(true)).andReturn();

		MvcResult redirect = mvc.perform(get(URI.create(link)).secure(true))
			.andExpect(redirectedUrl("/connections/handshake/link"))
			.andReturn();

		assertThat(redirect.getResponse().getHeader("Cache-Control")).contains("no-store");
		assertThat(redirect.getResponse().getHeader("Referrer-Policy")).isEqualTo("same-origin");
		for (String header : headers) {
			assertThat(redirect.getResponse().getHeaderValues(header)).as(header)
				.isNotEmpty()
				.isEqualTo(page.getResponse().getHeaderValues(header));
		}
	}

	@Test
	void onlyTheHashOfTheLinksSecretIsStoredAnywhere() throws Exception {
		String link = shareLink(owner);
		Cookie session = open(link);
		mvc.perform(get("/connections/handshake/link").cookie(session).with(user(testAccounts.principal(owner))));

		assertThat(jdbc.sql("SELECT token_hash FROM handshake_link WHERE connection_id = :id")
			.param("id", connection.id().value())
			.query(String.class)
			.single()).isEqualTo(Sha256.hex(token(link)));
		assertNotInTheDatabase(token(link));
	}

	/** Not in any table, nor in any session attribute, where the saved request and the flash map are kept. */
	private void assertNotInTheDatabase(String secret) {
		String database = String.join("\n", jdbc.sql("SCRIPT").query(String.class).list());
		assertThat(database).doesNotContain(secret);
		List<byte[]> sessionAttributes = jdbc.sql("SELECT attribute_bytes FROM spring_session_attributes")
			.query((rs, n) -> rs.getBytes(1))
			.list();
		assertThat(sessionAttributes).isNotEmpty()
			.allSatisfy((bytes) -> assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(secret));
	}

	@Test
	void theLinksSecretNeverReachesTheLogEvenAtTraceLevel(CapturedOutput output) throws Exception {
		String link = shareLink(owner);
		List<String> loggers = List.of("io.connectionsconsole", "org.springframework.security", "org.springframework.web",
				"org.springframework.session", "org.apache.catalina");
		try {
			loggers.forEach((logger) -> loggingSystem.setLogLevel(logger, LogLevel.TRACE));
			// as a link preview asks for it first, and as nothing should
			mvc.perform(head(URI.create(link))).andExpect(redirectedUrl("/connections/handshake/link"));
			mvc.perform(post(URI.create(link))).andExpect(status().isMethodNotAllowed());
			Cookie anonymous = open(link);
			mvc.perform(get("/connections/handshake/link").cookie(anonymous).accept("text/html"));
			String authorize = mvc.perform(post("/connections/handshake/link").cookie(anonymous)
				.with(user(testAccounts.principal(owner)))
				.with(csrf())).andReturn().getResponse().getRedirectedUrl();
			flow.callback(owner, flow.authorizeLink(authorize));
		}
		finally {
			loggers.forEach((logger) -> loggingSystem.setLogLevel(logger, null));
		}

		assertThat(connectionStatus()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(output.getAll()).contains("/connections/handshake/link").doesNotContain(token(link));
	}

	@Test
	void theLinkIsShownOnceToItsMaker() throws Exception {
		shareLink(owner);

		mvc.perform(get("/connections/{id}/handshake-link", connection.id().value())
			.with(user(testAccounts.principal(owner))))
			.andExpect(content().string(containsString("The link was shown once")))
			.andExpect(content().string(not(containsString("handshake-link-url"))));
	}

	@Test
	void aLinkCompletesOneHandshakeOnly() throws Exception {
		String link = shareLink(owner);
		Caller first = testAccounts.newUser(owner.accountId(), Role.ADMIN);
		Caller second = testAccounts.newUser(owner.accountId(), Role.ADMIN);
		Cookie firstSession = open(link);
		Cookie secondSession = open(link);
		String firstAuthorize = mvc.perform(post("/connections/handshake/link").cookie(firstSession)
			.with(user(testAccounts.principal(first)))
			.with(csrf())).andReturn().getResponse().getRedirectedUrl();
		String secondAuthorize = mvc.perform(post("/connections/handshake/link").cookie(secondSession)
			.with(user(testAccounts.principal(second)))
			.with(csrf())).andReturn().getResponse().getRedirectedUrl();

		flow.callback(first, flow.authorizeLink(firstAuthorize));
		flow.callback(second, flow.authorizeLink(secondAuthorize))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("error", "flash.handshake.notAccepted", "shared-one")));

		mvc.perform(get("/connections/handshake/link").cookie(open(link)).with(user(testAccounts.principal(second))))
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("was used already")))
			.andExpect(content().string(containsString("Nothing was changed.")));
		assertThat(connections.get(owner, connection.id()).providerAccount()).isNotNull();
	}

	@Test
	void anExpiredLinkIsRefused() throws Exception {
		String link = shareLink(owner);
		jdbc.sql("UPDATE handshake_link SET expires_at = :past WHERE connection_id = :id")
			.param("past", Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC))
			.param("id", connection.id().value())
			.update();
		Cookie session = open(link);

		mvc.perform(get("/connections/handshake/link").cookie(session).with(user(testAccounts.principal(owner))))
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("This handshake link expired")));
		mvc.perform(post("/connections/handshake/link").cookie(open(link))
			.with(user(testAccounts.principal(owner)))
			.with(csrf())).andExpect(status().isGone());

		assertThat(pendingHandshakes()).isZero();
		assertThat(connectionStatus()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
	}

	@Test
	void aLinkThatExpiresWhileTheProviderIsAskedStoresNothing() throws Exception {
		String link = shareLink(owner);
		String authorize = mvc.perform(post("/connections/handshake/link").cookie(open(link))
			.with(user(testAccounts.principal(owner)))
			.with(csrf())).andReturn().getResponse().getRedirectedUrl();
		jdbc.sql("UPDATE handshake_link SET expires_at = :past WHERE connection_id = :id")
			.param("past", Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC))
			.param("id", connection.id().value())
			.update();

		flow.callback(owner, flow.authorizeLink(authorize))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("error", "flash.handshake.linkUsed", "shared-one")));

		assertThat(connectionStatus()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
		assertThat(jdbc.sql("SELECT access_token FROM connection WHERE id = :id")
			.param("id", connection.id().value())
			.query(String.class)
			.optional()).isEmpty();
	}

	@Test
	void aReadOnlyUserIsRefused() throws Exception {
		String link = shareLink(owner);
		Caller reader = testAccounts.newUser(owner.accountId(), Role.READ_ONLY);

		mvc.perform(get("/connections/handshake/link").cookie(open(link)).with(user(testAccounts.principal(reader))))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("Your role is read-only")));
		mvc.perform(post("/connections/handshake/link").cookie(open(link))
			.with(user(testAccounts.principal(reader)))
			.with(csrf())).andExpect(status().isForbidden());

		assertThat(pendingHandshakes()).isZero();
	}

	@Test
	void anAdministratorOfAnotherAccountIsRefused() throws Exception {
		String link = shareLink(owner);
		Caller stranger = testAccounts.newAdmin();

		mvc.perform(get("/connections/handshake/link").cookie(open(link)).with(user(testAccounts.principal(stranger))))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("belongs to another account")))
			.andExpect(content().string(not(containsString("shared-one"))));
		mvc.perform(post("/connections/handshake/link").cookie(open(link))
			.with(user(testAccounts.principal(stranger)))
			.with(csrf())).andExpect(status().isForbidden());

		assertThat(pendingHandshakes()).isZero();
		assertThat(connectionStatus()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
	}

	@Test
	void anUnknownOrMangledLinkIsRefused() throws Exception {
		Cookie unknown = open("http://localhost/connections/handshake/link/" + "A".repeat(43));
		mvc.perform(get("/connections/handshake/link").cookie(unknown).with(user(testAccounts.principal(owner))))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("This handshake link is not valid")));

		MvcResult mangled = mvc.perform(get("/connections/handshake/link/short").cookie(unknown))
			.andExpect(redirectedUrl("/connections/handshake/link"))
			.andReturn();
		assertThat(mangled.getResponse().getCookie("SESSION")).as("no session for a link that can't be one").isNull();
		assertThat(mangled.getResponse().getCookie(HandshakeLinkFilter.COOKIE).getMaxAge())
			.as("the older link's cookie is cleared").isZero();
		mvc.perform(get("/connections/handshake/link").with(user(testAccounts.principal(owner))))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("This handshake link is not valid")));
	}

	@Test
	void aLinkOpenedInASessionIsNotOfferedToAnotherUserWhoSignsInWithIt() throws Exception {
		String link = shareLink(owner);
		Caller first = testAccounts.newUser(owner.accountId(), Role.ADMIN);
		Caller second = testAccounts.newUser(owner.accountId(), Role.ADMIN);
		Cookie session = mvc.perform(get("/connections/handshake/link").cookie(open(link))
			.with(user(testAccounts.principal(first))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Connect shared-one to GitHub")))
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
		assertThat(session).as("the session that keeps the link").isNotNull();

		mvc.perform(post("/connections/handshake/link").cookie(session)
			.with(user(testAccounts.principal(second)))
			.with(csrf())).andExpect(status().isNotFound());
		mvc.perform(get("/connections/handshake/link").cookie(session).with(user(testAccounts.principal(second))))
			.andExpect(status().isNotFound())
			.andExpect(content().string(not(containsString("shared-one"))));
		assertThat(pendingHandshakes()).isZero();
	}

	@Test
	void aLinkCookieTheConsoleDidNotSealIsNoLink() throws Exception {
		for (String forged : List.of("not-hex", "00".repeat(40), "00", "ab".repeat(15))) {
			mvc.perform(get("/connections/handshake/link").cookie(new Cookie(HandshakeLinkFilter.COOKIE, forged))
				.with(user(testAccounts.principal(owner))))
				.andExpect(status().isNotFound())
				.andExpect(content().string(containsString("This handshake link is not valid")));
		}
	}

	@Test
	void aLinkOfAConnectionCompletedMeanwhileIsRefused() throws Exception {
		String link = shareLink(owner);
		flow.complete(owner, connection);

		mvc.perform(get("/connections/handshake/link").cookie(open(link)).with(user(testAccounts.principal(owner))))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("no longer waits for its handshake")));
	}

	@Test
	void onlyAdministratorsShareLinksAndOnlyForPendingConnections() throws Exception {
		Caller reader = testAccounts.newUser(owner.accountId(), Role.READ_ONLY);
		mvc.perform(post("/connections/{id}/handshake-link", connection.id().value())
			.with(user(testAccounts.principal(reader)))
			.with(csrf())).andExpect(status().isForbidden());
		mvc.perform(post("/connections/{id}/handshake-link", connection.id().value())
			.with(user(testAccounts.principal(testAccounts.newAdmin())))
			.with(csrf())).andExpect(status().isNotFound());
		flow.complete(owner, connection);

		mvc.perform(post("/connections/{id}/handshake-link", connection.id().value())
			.with(user(testAccounts.principal(owner)))
			.with(csrf()))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("error", "flash.handshakeLink.notPending", "shared-one")));

		assertThat(jdbc.sql("SELECT COUNT(*) FROM handshake_link WHERE connection_id = :id")
			.param("id", connection.id().value())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void sharingALinkNeedsTheCsrfToken() throws Exception {
		mvc.perform(post("/connections/{id}/handshake-link", connection.id().value())
			.with(user(testAccounts.principal(owner)))).andExpect(status().isForbidden());
	}

}
