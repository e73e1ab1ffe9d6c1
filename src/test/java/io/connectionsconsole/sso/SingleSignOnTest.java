package io.connectionsconsole.sso;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.Cookie;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

import io.connectionsconsole.account.AccessKeyService;
import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.account.AccountService;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.account.IdentitySignIn;
import io.connectionsconsole.account.NewAccessKey;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.account.UserService;
import io.connectionsconsole.audit.AuditEvent;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.crypto.SecretCipher;
import io.connectionsconsole.crypto.Sha256;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.FakeIdentityProvider;
import io.connectionsconsole.support.QueuedBehind;
import io.connectionsconsole.support.TestAccounts;
import io.connectionsconsole.web.PageAdmission;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Sign-in through the company's identity provider (OpenID Connect): a person's first sign-in creates their user in the
 * provider's account with the role their groups give, later sign-ins follow their groups, someone in no group or
 * disabled is refused; an ID token that doesn't hold (another key, audience or issuer, expired, another nonce) or a
 * replayed answer signs nobody in, and the provider's new key is picked up. The provider is {@link FakeIdentityProvider}.
 */
@ConsoleTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FakeIdentityProvider.Initializer.class)
class SingleSignOnTest {

	private static final String SEALED = SealedAuthorizationRequests.COOKIE;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SecretCipher cipher;

	@Autowired
	AuditLog audit;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	UserService users;

	@Autowired
	AccountService accountService;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AccessKeyService accessKeys;

	@Autowired
	PageAdmission admission;

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> sessions;

	private final FakeIdentityProvider idp = FakeIdentityProvider.get();

	/** Sign in with Corp SSO: the provider's authorize URL the console sends the browser to, and its sealed cookie. */
	private record Started(UriComponents authorize, Cookie cookie) {

		String state() {
			return parameter("state");
		}

		String nonce() {
			return parameter("nonce");
		}

		String parameter(String name) {
			return UriUtils.decode(authorize.getQueryParams().getFirst(name), StandardCharsets.UTF_8);
		}

	}

	private Started start() throws Exception {
		MvcResult result = mvc.perform(get("/oauth2/authorization/corp")).andExpect(status().isFound()).andReturn();
		String location = result.getResponse().getRedirectedUrl();
		assertThat(location).startsWith(idp.issuer() + "/authorize?");
		Cookie cookie = result.getResponse().getCookie(SEALED);
		assertThat(cookie).isNotNull();
		return new Started(UriComponentsBuilder.fromUriString(location).build(), cookie);
	}

	private MvcResult answer(Started started) throws Exception {
		return mvc.perform(get("/login/oauth2/code/corp").param("code", UUID.randomUUID().toString())
			.param("state", started.state())
			.cookie(started.cookie())).andExpect(status().isFound()).andReturn();
	}

	/** The whole sign-in of a person with these groups; answers the callback's result. */
	private MvcResult signIn(String subject, String name, List<String> groups) throws Exception {
		Started started = start();
		idp.answers(idp.idToken(subject, name, groups, started.nonce()).build());
		return answer(started);
	}

	/** The console user of the session the sign-in made: its newest one, as Spring Session's store keeps it. */
	private ConsoleUser signedIn(MvcResult result, String subject) {
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
		String username = jdbc.sql("SELECT username FROM console_user WHERE identity_provider = 'corp' AND subject = :s")
			.param("s", subject)
			.query(String.class)
			.single();
		Session newest = sessions.findByPrincipalName(username)
			.values()
			.stream()
			.max(Comparator.comparing(Session::getCreationTime))
			.orElseThrow(() -> new AssertionError("no session of " + username));
		SecurityContext context = newest.getAttribute("SPRING_SECURITY_CONTEXT");
		return (ConsoleUser) context.getAuthentication().getPrincipal();
	}

	private static void refused(MvcResult result, String reason) {
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/login?refused=" + reason);
		assertThat(result.getResponse().getHeaders("Set-Cookie")).as("no session")
			.noneMatch((cookie) -> cookie.startsWith("SESSION="));
	}

	private long usersWithSubject(String subject) {
		return jdbc.sql("SELECT COUNT(*) FROM console_user WHERE identity_provider = 'corp' AND subject = :s")
			.param("s", subject)
			.query(Long.class)
			.single();
	}

	private static String subject() {
		return "sub-" + UUID.randomUUID();
	}

	@Test
	void theSignInPageOffersTheIdentityProvider() throws Exception {
		mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/oauth2/authorization/corp\"")))
			.andExpect(content().string(containsString("Sign in with Corp SSO")));
	}

	@Test
	void aFirstSignInCreatesTheUserWithTheRoleOfTheirGroupsWithPkceAndANonce() throws Exception {
		String subject = subject();
		Started started = start();
		assertThat(started.parameter("code_challenge_method")).isEqualTo("S256");
		assertThat(started.nonce()).isNotBlank();
		assertThat(started.parameter("scope")).contains("openid");
		idp.answers(idp.idToken(subject, "reader." + subject, List.of("staff", "console-readers"), started.nonce())
			.build());

		ConsoleUser user = signedIn(answer(started), subject);

		assertThat(user.role()).isEqualTo(Role.READ_ONLY);
		assertThat(user.accountId()).isEqualTo(AccountId.of(FakeIdentityProvider.ACCOUNT));
		assertThat(user.getUsername()).isEqualTo("reader." + subject);
		assertThat(usersWithSubject(subject)).isOne();
		List<LoggedRequest> tokenRequests = idp.server().findAll(postRequestedFor(urlPathEqualTo("/token")));
		assertThat(tokenRequests.getLast().getBodyAsString()).contains("code_verifier=");
		List<AuditEvent> events = audit.latest(FakeIdentityProvider.ACCOUNT, 2);
		assertThat(events).extracting(AuditEvent::action)
			.containsExactly("SignInWithIdentityProvider", "AddUserFromIdentityProvider");
	}

	@Test
	void theRoleFollowsTheGroupsAtEverySignIn() throws Exception {
		String subject = subject();
		assertThat(signedIn(signIn(subject, "mover." + subject, List.of("console-admins")), subject).role())
			.isEqualTo(Role.ADMIN);
		MvcResult inBoth = signIn(subject, "mover." + subject, List.of("console-admins", "console-readers"));
		assertThat(signedIn(inBoth, subject).role()).as("in both groups").isEqualTo(Role.ADMIN);

		ConsoleUser moved = signedIn(signIn(subject, "mover." + subject, List.of("console-readers")), subject);

		assertThat(moved.role()).isEqualTo(Role.READ_ONLY);
		assertThat(usersWithSubject(subject)).isOne();
		assertThat(audit.latest(FakeIdentityProvider.ACCOUNT, 2)).extracting(AuditEvent::action)
			.containsExactly("SignInWithIdentityProvider", "ChangeUserRoleFromGroups");
	}

	@Test
	void someoneInNoGroupIsRefusedAndNothingIsCreated() throws Exception {
		String subject = subject();

		refused(signIn(subject, "nobody." + subject, List.of("staff")), "NO_GROUP");

		assertThat(usersWithSubject(subject)).isZero();
		assertThat(audit.latest(FakeIdentityProvider.ACCOUNT, 1).getFirst().detail()).isEqualTo("corp, NO_GROUP");
		mvc.perform(get("/login").param("refused", "NO_GROUP"))
			.andExpect(content().string(containsString("none of the groups that give a role")));
	}

	@Test
	void twoFirstSignInsOfOnePersonAtOnceMakeOneUserAndSignInBoth() throws Exception {
		String subject = subject();
		IdentitySignIn first = new IdentitySignIn("corp", AccountId.of(FakeIdentityProvider.ACCOUNT), subject,
				"twice." + subject, Role.READ_ONLY);

		CompletableFuture<ConsoleUser> second = QueuedBehind.queuedBehind(transactions, jdbc,
				() -> accountService.lock(first.account()), () -> users.signInThrough(first),
				() -> users.signInThrough(first));

		assertThat(second.get(20, TimeUnit.SECONDS).getUsername()).isEqualTo("twice." + subject);
		assertThat(usersWithSubject(subject)).isOne();
	}

	@Test
	void someoneInNoGroupWithANameLongerThanAUsersIsRefusedAndRecordedUnderItsExcerpt() throws Exception {
		String subject = subject();
		String name = "first.last_partner.example#EXT#\u202E" + subject + "@tenant.onmicrosoft.example";

		refused(signIn(subject, name, List.of("staff")), "NO_GROUP");

		AuditEvent refusal = audit.latest(FakeIdentityProvider.ACCOUNT, 1).getFirst();
		assertThat(refusal.action()).isEqualTo("SignInRefused");
		assertThat(refusal.actor()).hasSize(AuditLog.MAX_ACTOR)
			.startsWith("first.last_partner.example#EXT#\\u202E" + subject.substring(0, 20))
			.endsWith("…");
		assertThat(usersWithSubject(subject)).isZero();
	}

	@Test
	void someoneTheGroupsNoLongerGiveARoleIsRefusedAndDisabledTheirSessionsEndedAndTheirKeysStopped()
			throws Exception {
		String subject = subject();
		MvcResult earlier = signIn(subject, "offboarded." + subject, List.of("console-admins"));
		ConsoleUser person = signedIn(earlier, subject);
		Caller asThemselves = new Caller(person.id(), person.getUsername(), person.accountId(), person.role());
		NewAccessKey key = accessKeys.create(asThemselves);
		assertThat(sessions.findByPrincipalName(person.getUsername())).isNotEmpty();

		refused(signIn(subject, "offboarded." + subject, List.of("staff")), "NO_GROUP");

		assertThat(jdbc.sql("SELECT enabled FROM console_user WHERE id = :id").param("id", person.id())
			.query(Boolean.class)
			.single()).isFalse();
		assertThat(sessions.findByPrincipalName(person.getUsername())).as("their sessions").isEmpty();
		assertThat(accessKeys.resolve(key.id())).as("their API key").isEmpty();
		assertThat(audit.latest(FakeIdentityProvider.ACCOUNT, 2)).extracting(AuditEvent::action)
			.containsExactly("SignInRefused", "DisableUserFromGroups");
		refused(signIn(subject, "offboarded." + subject, List.of("console-admins")), "DISABLED");
	}

	@Test
	void aDisabledUserIsRefused() throws Exception {
		String subject = subject();
		signedIn(signIn(subject, "leaver." + subject, List.of("console-admins")), subject);
		jdbc.sql("UPDATE console_user SET enabled = FALSE WHERE subject = :s").param("s", subject).update();

		refused(signIn(subject, "leaver." + subject, List.of("console-admins")), "DISABLED");
	}

	@Test
	void aLocalUserOfTheSameNameIsNeverTakenOver() throws Exception {
		String subject = subject();
		ConsoleUser first = signedIn(signIn(subject, "admin", List.of("console-admins")), subject);

		assertThat(first.getUsername()).as("the bootstrap administrator is 'admin'").isEqualTo("admin+corp");
		assertThat(first.id()).isNotEqualTo(jdbc.sql("SELECT id FROM console_user WHERE username = 'admin'")
			.query(Long.class)
			.single());
	}

	/** Refusals of answers that did not hold, anyone's to make up, in the audit trail of the provider's account. */
	private long anonymousRefusalsRecorded() {
		return jdbc.sql("""
				SELECT COUNT(*) FROM audit_event
				WHERE account_id = :account AND action = 'SignInRefused' AND detail LIKE 'INVALID_TOKEN%'""")
			.param("account", FakeIdentityProvider.ACCOUNT)
			.query(Long.class)
			.single();
	}

	/** The 15 minutes in which such a refusal is recorded once start now. */
	private void anonymousRefusalNotesStartOver() {
		jdbc.sql("DELETE FROM sign_in_throttle WHERE bucket_key = :key")
			.param("key", Sha256.hex("anonymous-refusal-note\nidentity-provider\ncorp"))
			.update();
	}

	@Test
	void anIdTokenThatDoesNotHoldSignsNobodyIn() throws Exception {
		anonymousRefusalNotesStartOver();
		long recordedBefore = anonymousRefusalsRecorded();
		String subject = subject();
		Started stranger = start();
		idp.answersSignedByAStranger(idp.idToken(subject, "x." + subject, List.of("console-admins"), stranger.nonce())
			.build());
		refused(answer(stranger), "INVALID_TOKEN");

		Started audience = start();
		idp.answers(idp.idToken(subject, "x." + subject, List.of("console-admins"), audience.nonce())
			.audience("another-client")
			.build());
		refused(answer(audience), "INVALID_TOKEN");

		Started expired = start();
		idp.answers(idp.idToken(subject, "x." + subject, List.of("console-admins"), expired.nonce())
			.issueTime(Date.from(Instant.now().minusSeconds(3600)))
			.expirationTime(Date.from(Instant.now().minusSeconds(1800)))
			.build());
		refused(answer(expired), "INVALID_TOKEN");

		Started nonce = start();
		idp.answers(idp.idToken(subject, "x." + subject, List.of("console-admins"), "another-nonce").build());
		refused(answer(nonce), "INVALID_TOKEN");

		Started issuer = start();
		idp.answers(idp.idToken(subject, "x." + subject, List.of("console-admins"), issuer.nonce())
			.issuer("https://elsewhere.example")
			.build());
		refused(answer(issuer), "INVALID_TOKEN");

		assertThat(usersWithSubject(subject)).isZero();
		AuditEvent refusal = audit.latest(FakeIdentityProvider.ACCOUNT, 1).getFirst();
		assertThat(refusal.action()).isEqualTo("SignInRefused");
		assertThat(refusal.detail()).startsWith("INVALID_TOKEN, invalid_id_token");
		assertThat(anonymousRefusalsRecorded()).as("the first refusal in 15 minutes, the others logged only")
			.isEqualTo(recordedBefore + 1);
	}

	@Test
	void answersMadeUpWithoutEndWriteOneRefusalIn15Minutes() throws Exception {
		anonymousRefusalNotesStartOver();
		long recordedBefore = anonymousRefusalsRecorded();

		for (int i = 0; i < 5; i++) {
			Started started = start();
			refused(mvc.perform(get("/login/oauth2/code/corp").param("state", started.state())
				.param("error", "made_up_" + i)
				.cookie(started.cookie())).andReturn(), "INVALID_TOKEN");
		}

		assertThat(anonymousRefusalsRecorded()).isEqualTo(recordedBefore + 1);
	}

	/**
	 * A provider whose token endpoint stalls: the sign-in ends at the read time-out with a message that says so, goes in
	 * no record, and meanwhile held no turn of the console's pages.
	 */
	@Test
	void anIdentityProviderThatDoesNotAnswerInTimeSignsNobodyInAndHoldsNoPageTurn() throws Exception {
		anonymousRefusalNotesStartOver();
		long newest = audit.latest(FakeIdentityProvider.ACCOUNT, 1).stream().mapToLong(AuditEvent::id).max().orElse(0);
		Started started = start();
		StubMapping stalled = idp.server()
			.stubFor(WireMock.post(urlPathEqualTo("/token"))
				.atPriority(1)
				.willReturn(aResponse().withStatus(200)
					.withFixedDelay((int) FakeIdentityProvider.READ_TIMEOUT.plusSeconds(3).toMillis())));
		try {
			refused(answer(started), "UNANSWERED");
		}
		finally {
			idp.server().removeStub(stalled);
		}

		assertThat(audit.latest(FakeIdentityProvider.ACCOUNT, 5)).filteredOn((event) -> event.id() > newest)
			.extracting(AuditEvent::action)
			.doesNotContain("SignInRefused");
		assertThat(admission.takesTurn(new MockHttpServletRequest("GET", "/login/oauth2/code/corp"))).isFalse();
		mvc.perform(get("/login").param("refused", "UNANSWERED"))
			.andExpect(content().string(containsString("did not answer the console in time")));
	}

	@Test
	void anAnswerReplayedWithTheSameStateIsRefused() throws Exception {
		String subject = subject();
		Started started = start();
		idp.answers(idp.idToken(subject, "replay." + subject, List.of("console-readers"), started.nonce()).build());
		signedIn(answer(started), subject);

		refused(answer(started), "INVALID_TOKEN");
	}

	@Test
	void anAnswerMoreThanTenMinutesAfterItsSignInBeganIsRefusedWhateverTheBrowserKept() throws Exception {
		String subject = subject();
		Started started = start();
		idp.answers(idp.idToken(subject, "late." + subject, List.of("console-readers"), started.nonce()).build());
		JsonMapper json = JsonMapper.builder().build();
		SealedAuthorizationRequests.Sealed sealed = json.readValue(cipher.decrypt(started.cookie().getValue()),
				SealedAuthorizationRequests.Sealed.class);
		SealedAuthorizationRequests.Sealed elevenMinutesOld = new SealedAuthorizationRequests.Sealed(
				sealed.authorizationUri(), sealed.clientId(), sealed.redirectUri(), sealed.scopes(), sealed.state(),
				sealed.additionalParameters(), sealed.attributes(), sealed.authorizationRequestUri(),
				sealed.sealedAt().minus(Duration.ofMinutes(11)));

		refused(answer(new Started(started.authorize(),
				new Cookie(SEALED, cipher.encrypt(json.writeValueAsString(elevenMinutesOld))))), "INVALID_TOKEN");
		assertThat(usersWithSubject(subject)).isZero();
	}

	@Test
	void anAnswerNoBrowserWaitedForIsRefusedAndGoesInNoRecord() throws Exception {
		List<AuditEvent> before = audit.latest(FakeIdentityProvider.ACCOUNT, 1);

		refused(mvc.perform(get("/login/oauth2/code/corp")).andReturn(), "INVALID_TOKEN");
		refused(mvc.perform(get("/login/oauth2/code/corp").param("code", "c").param("state", "s")).andReturn(),
				"INVALID_TOKEN");

		assertThat(audit.latest(FakeIdentityProvider.ACCOUNT, 1)).isEqualTo(before);
	}

	@Test
	void theProvidersNewKeyIsPickedUp() throws Exception {
		String subject = subject();
		signedIn(signIn(subject, "rotor." + subject, List.of("console-readers")), subject);

		idp.rotateKey();

		assertThat(signedIn(signIn(subject, "rotor." + subject, List.of("console-readers")), subject).getUsername())
			.isEqualTo("rotor." + subject);
	}

	@Test
	void aConnectionsProviderNeverSignsAnyoneIn() throws Exception {
		mvc.perform(get("/oauth2/authorization/github").accept(MediaType.TEXT_HTML))
			.andExpect(redirectedUrl("/login"));
		mvc.perform(get("/login/oauth2/code/github").param("code", "c").param("state", "s"))
			.andExpect(redirectedUrl("/login?refused=INVALID_TOKEN"));
	}


	@Test
	void theUsersPageSaysHowTheySignInAndOffersThemNoPasswordReset() throws Exception {
		String subject = subject();
		ConsoleUser person = signedIn(signIn(subject, "paged." + subject, List.of("console-readers")), subject);
		Caller admin = testAccounts.newUser(AccountId.of(FakeIdentityProvider.ACCOUNT), Role.ADMIN);

		mvc.perform(get("/settings/users/{id}", person.id()).with(user(testAccounts.principal(admin))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Through identity provider Corp SSO")))
			.andExpect(content().string(not(containsString("id=\"reset-form\""))));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> users.resetPassword(admin, person.id(), "a-long-enough-password-1"))
			.withMessageContaining("signs in through identity provider corp");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> users.changeOwnPassword(person.caller(), "anything", "a-long-enough-password-1"))
			.withMessageContaining("your password is kept there");
	}


	@Test
	void signingOutGoesOnToSignOutAtTheIdentityProvider() throws Exception {
		String subject = subject();
		MvcResult result = signIn(subject, "leaving." + subject, List.of("console-readers"));
		signedIn(result, subject);
		Cookie session = result.getResponse().getCookie("SESSION");
		assertThat(session).isNotNull();

		String location = mvc.perform(post("/logout").cookie(session).with(csrf()))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();

		UriComponents endSession = UriComponentsBuilder.fromUriString(location).build();
		assertThat(location).startsWith(idp.issuer() + "/end_session?");
		assertThat(endSession.getQueryParams().getFirst("client_id")).isEqualTo(FakeIdentityProvider.CLIENT_ID);
		assertThat(UriUtils.decode(endSession.getQueryParams().getFirst("post_logout_redirect_uri"),
				StandardCharsets.UTF_8)).isEqualTo("http://localhost/login?logout");
		mvc.perform(get("/connections").cookie(session).accept(MediaType.TEXT_HTML))
			.andExpect(redirectedUrl("/login"));
	}


	@Test
	void aSignInGetsANewSessionAndADisabledUsersSessionsEnd() throws Exception {
		String first = subject();
		MvcResult earlier = signIn(first, "earlier." + first, List.of("console-readers"));
		Cookie earlierSession = earlier.getResponse().getCookie("SESSION");
		String second = subject();
		Started started = start();
		idp.answers(idp.idToken(second, "later." + second, List.of("console-admins"), started.nonce()).build());

		MvcResult later = mvc.perform(get("/login/oauth2/code/corp").param("code", UUID.randomUUID().toString())
			.param("state", started.state())
			.cookie(started.cookie(), earlierSession)).andExpect(status().isFound()).andReturn();

		ConsoleUser person = signedIn(later, second);
		assertThat(later.getResponse().getCookie("SESSION")).as("a session of its own").isNotNull()
			.extracting(Cookie::getValue).isNotEqualTo(earlierSession.getValue());
		Caller admin = testAccounts.newUser(AccountId.of(FakeIdentityProvider.ACCOUNT), Role.ADMIN);
		users.disable(admin, person.id());
		assertThat(sessions.findByPrincipalName(person.getUsername())).as("sessions of the disabled user").isEmpty();
	}

}
