package io.connectionsconsole.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.TestAccounts;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The audit trail, the users page, and how the console answers requests it can't serve. */
@ConsoleTest
@AutoConfigureMockMvc
class ConsolePagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	ConnectionService connections;

	@Autowired
	RegionCatalogue regions;

	@Test
	void theAuditTrailShowsTheAccountsOwnChangesOnly() throws Exception {
		Caller caller = testAccounts.newAdmin();
		Caller other = testAccounts.newAdmin();
		connections.create(caller, regions.require("us-east-1"), ConnectionName.of("audited"), ProviderType.GITHUB,
				Tags.none());
		connections.create(other, regions.require("us-east-1"), ConnectionName.of("elsewhere"), ProviderType.GITHUB,
				Tags.none());

		mvc.perform(get("/audit").with(user(testAccounts.principal(caller))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<li><a href=\"/\">Connections Console</a></li>")))
			.andExpect(content().string(containsString("<li aria-current=\"page\"><bdi>Audit trail</bdi></li>")))
			.andExpect(content().string(containsString("CreateConnection")))
			.andExpect(content().string(containsString("connection/audited/")))
			.andExpect(content().string(not(containsString("elsewhere"))));
	}

	@Test
	void adminsSeeTheAccountsUsersAndReadOnlyUsersAreRefused() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Caller reader = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);

		mvc.perform(get("/settings/users").with(user(testAccounts.principal(admin))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(reader.username())))
			.andExpect(content().string(containsString("Read-only")));
		mvc.perform(get("/settings/users").with(user(testAccounts.principal(reader))))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("your role is read-only")));
	}

	@Test
	void aLinkFollowedInPlaceGetsTheAuditTrailAndSecurityCredentialsWithoutTheirLayout() throws Exception {
		Caller caller = testAccounts.newAdmin();
		for (String page : new String[] { "/audit", "/settings/credentials" }) {
			mvc.perform(get(page).header("HX-Request", "true").header("HX-Boosted", "true")
				.with(user(testAccounts.principal(caller))))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("id=\"page\"")))
				.andExpect(content().string(containsString("id=\"top-nav\" hx-swap-oob=\"true\"")))
				.andExpect(content().string(not(containsString("id=\"main\""))))
				.andExpect(content().string(not(containsString("<html"))));
			mvc.perform(get(page).with(user(testAccounts.principal(caller))))
				.andExpect(content().string(containsString("top-nav")));
			// Going back to a page htmx has not kept, it asks for the whole page again.
			mvc.perform(get(page).header("HX-Request", "true")
				.header("HX-History-Restore-Request", "true")
				.with(user(testAccounts.principal(caller))))
				.andExpect(content().string(containsString("top-nav")))
				.andExpect(content().string(containsString("<html")));
		}
	}

	@Test
	void anHtmxRequestWithoutASessionIsToldToReloadThePage() throws Exception {
		mvc.perform(get("/connections").header("HX-Request", "true"))
			.andExpect(status().isForbidden())
			.andExpect(header().string("HX-Refresh", "true"));
	}

	@Test
	void pagesCanNotBeFramedSniffedCachedOrNamedInAnotherSitesReferer() throws Exception {
		Caller caller = testAccounts.newAdmin();

		mvc.perform(get("/audit").with(user(testAccounts.principal(caller))))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("Cache-Control", containsString("no-store")))
			.andExpect(header().string("Referrer-Policy", "same-origin"));
	}

}
