package io.connectionsconsole.connection;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments.ArgumentSet;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.GeneratedText;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;
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

	@BeforeEach
	void aFreshAccount() {
		admin = testAccounts.newAdmin();
		signedIn = user(testAccounts.principal(admin));
	}

	@ParameterizedTest
	@MethodSource("addConnectionForms")
	void theAddConnectionFormShowsEachBrokenRuleAtItsFieldAndStoresNothingThen(String name, String provider,
			String tags, String region) throws Exception {
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

	@ParameterizedTest
	@MethodSource("listRequests")
	void theListAnswersAnyFilterAndPageWithAPageAndAnUnknownRegionWithAClientError(String filter, String region,
			String page) throws Exception {
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

	static Stream<ArgumentSet> addConnectionForms() {
		GeneratedText generate = GeneratedText.forTest(ConnectionFormGeneratedInputTest.class);
		return Stream.generate(() -> {
			String name = generate.any();
			String provider = generate.oneOf(() -> generate.of("GITHUB", "BITBUCKET"), generate::any);
			String tags = String.join(generate.of("\n", "\r\n"), generate.listOf(52,
					() -> generate.oneOf(() -> generate.any() + "=" + generate.any(), generate::any)));
			String region = region(generate);
			return argumentSet("name %s, provider %s, tags %s, Region %s".formatted(quoted(name), quoted(provider),
					quoted(tags), quoted(region)), name, provider, tags, region);
		}).limit(200);
	}

	static Stream<ArgumentSet> listRequests() {
		GeneratedText generate = GeneratedText.forTest(ConnectionFormGeneratedInputTest.class);
		return Stream.generate(() -> {
			String filter = generate.any();
			String region = region(generate);
			String page = generate.oneOf(() -> String.valueOf(generate.between(-3, 5)),
					() -> generate.of("", "2147483647", "-2147483648", "99999999999", "1.5", "1e3"), generate::any);
			return argumentSet("filter %s, Region %s, page %s".formatted(quoted(filter), quoted(region), quoted(page)),
					filter, region, page);
		}).limit(150);
	}

	private static String region(GeneratedText generate) {
		return generate.oneOf(() -> generate.of(KNOWN_REGIONS), generate::any);
	}

	/** Quoted in a try's name, so that an empty or blank value shows. */
	private static String quoted(String value) {
		return "\"" + GeneratedText.shown(value) + "\"";
	}

}
