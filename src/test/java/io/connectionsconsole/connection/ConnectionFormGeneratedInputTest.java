package io.connectionsconsole.connection;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.BeforeTry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.GeneratedText;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Generated input in the Connected accounts pages' fields, sent by a signed-in administrator: the Add connection form
 * (name, provider, tags, Region) and the list's filter, Region and page. Whatever is typed, the answer is a page that
 * shows the broken rule at its field, a client error page, or (for valid input) the redirect after creating; never a
 * server error, and nothing is stored from input that was refused.
 */
@ConsoleTest
@AutoConfigureMockMvc
class ConnectionFormGeneratedInputTest {

	private static final List<String> KNOWN_REGIONS = List.of("us-east-1", "eu-west-1", "ap-northeast-1");

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	ConnectionService connections;

	@Autowired
	RegionCatalogue regions;

	Caller admin;

	RequestPostProcessor signedIn;

	@BeforeProperty
	void startTheConsole() throws Exception {
		// jqwik runs outside JUnit Jupiter's Spring extension; the test context (cached, so shared with the other
		// tests of this configuration) is prepared by hand.
		new TestContextManager(getClass()).prepareTestInstance(this);
	}

	@BeforeTry
	void aFreshAccount() {
		admin = testAccounts.newAdmin();
		signedIn = user(testAccounts.principal(admin));
	}

	@Property(tries = 200)
	void theAddConnectionFormShowsEachBrokenRuleAtItsFieldAndStoresNothingThen(@ForAll("names") String name,
			@ForAll("providers") String provider, @ForAll("tagLines") String tags, @ForAll("regions") String region)
			throws Exception {
		Map<String, Integer> before = stored();

		MockHttpServletResponse response = mvc.perform(post("/connections").param("region", region)
			.param("name", name)
			.param("providerType", provider)
			.param("tags", tags)
			.with(signedIn)
			.with(csrf())).andReturn().getResponse();

		int status = response.getStatus();
		String page = response.getContentAsString();
		assertThat(status).as(page).isIn(200, 302, 400);
		if (status == 302) {
			assertThat(response.getRedirectedUrl()).startsWith("/connections?region=");
			return;
		}
		if (status == 200) {
			assertThat(page).containsAnyOf("id=\"name-error\"", "id=\"providerType-error\"", "id=\"tags-error\"",
					"id=\"form-error\"");
		}
		else {
			assertThat(page).contains("id=\"problem-message\"");
		}
		assertThat(stored()).isEqualTo(before);
	}

	@Property(tries = 150)
	void theListAnswersAnyFilterAndPageWithAPageAndAnUnknownRegionWithAClientError(@ForAll("filters") String filter,
			@ForAll("regions") String region, @ForAll("pages") String page) throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/connections").param("region", region)
			.param("filter", filter)
			.param("page", page)
			.with(signedIn)).andReturn().getResponse();

		assertThat(response.getStatus()).as(response.getContentAsString())
			.isEqualTo(KNOWN_REGIONS.contains(region) || region.isBlank() ? 200 : 400);
	}

	/** The number of live connections of the account in each Region. */
	private Map<String, Integer> stored() {
		Map<String, Integer> stored = new TreeMap<>();
		regions.all().forEach((r) -> stored.put(r.code(), connections.count(admin, r, null)));
		return stored;
	}

	@Provide
	Arbitrary<String> names() {
		return GeneratedText.any();
	}

	@Provide
	Arbitrary<String> providers() {
		return Arbitraries.oneOf(Arbitraries.of("GITHUB", "BITBUCKET"), GeneratedText.any());
	}

	@Provide
	Arbitrary<String> tagLines() {
		Arbitrary<String> line = Arbitraries.oneOf(
				Combinators.combine(GeneratedText.any(), GeneratedText.any()).as((key, value) -> key + "=" + value),
				GeneratedText.any());
		return Combinators.combine(line.list().ofMaxSize(52), Arbitraries.of("\n", "\r\n"))
			.as((lines, separator) -> String.join(separator, lines));
	}

	@Provide
	Arbitrary<String> regions() {
		return Arbitraries.oneOf(Arbitraries.of(KNOWN_REGIONS), GeneratedText.any());
	}

	@Provide
	Arbitrary<String> filters() {
		return GeneratedText.any();
	}

	@Provide
	Arbitrary<String> pages() {
		return Arbitraries.oneOf(Arbitraries.integers().between(-3, 5).map(String::valueOf),
				Arbitraries.of("", "2147483647", "-2147483648", "99999999999", "1.5", "1e3"), GeneratedText.any());
	}

}
