package io.connectionsconsole.sso;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.FakeIdentityProvider;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With {@code console.sign-in.passwords=false}, people sign in through the identity provider; only the break-glass
 * administrator named in the configuration still signs in with a password, from a section of its own on the sign-in
 * page, for the day the identity provider is down.
 */
@ConsoleTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FakeIdentityProvider.WithoutPasswords.class)
class PasswordsTurnedOffTest {

	/** The bootstrap administrator's password in the test profile. */
	private static final String BREAK_GLASS_PASSWORD = "bootstrap-password-for-tests";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Test
	void theSignInPageOffersTheIdentityProviderAndTheBreakGlassSectionOnly() throws Exception {
		mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Sign in with Corp SSO")))
			.andExpect(content().string(containsString("id=\"break-glass\"")))
			.andExpect(content().string(not(containsString("Or with your user name and password"))));
	}

	@Test
	void aUserWithAPasswordCanNoLongerSignInWithIt() throws Exception {
		Caller local = testAccounts.newAdmin();

		mvc.perform(formLogin("/login").user(local.username()).password(TestAccounts.PASSWORD))
			.andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void theBreakGlassAdministratorStillCan() throws Exception {
		mvc.perform(formLogin("/login").user("admin").password(BREAK_GLASS_PASSWORD)).andExpect(redirectedUrl("/"));
	}

	@Test
	void theIdentityProviderStillSignsPeopleInThroughItsOwnPage() throws Exception {
		FakeIdentityProvider idp = FakeIdentityProvider.get();
		String subject = "sub-" + UUID.randomUUID();
		idp.nextSignIn(subject, "sso." + subject, List.of("console-admins"));
		MvcResult started = mvc.perform(get("/oauth2/authorization/corp")).andReturn();
		String page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(started.getResponse().getRedirectedUrl())).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher link = Pattern.compile("id=\"idp-sign-in\" href=\"([^\"]+)\"").matcher(page);
		assertThat(link.find()).as(page).isTrue();
		URI back = URI.create(link.group(1).replace("&amp;", "&"));

		mvc.perform(get(URI.create(back.getPath() + "?" + back.getRawQuery()))
			.cookie(started.getResponse().getCookie(SealedAuthorizationRequests.COOKIE)))
			.andExpect(redirectedUrl("/"));
	}

}
