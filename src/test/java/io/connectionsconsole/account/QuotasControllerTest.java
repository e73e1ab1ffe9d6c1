package io.connectionsconsole.account;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import io.connectionsconsole.audit.AuditEvent;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.connection.QuotaPolicy;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.TestAccounts;
import io.connectionsconsole.web.Flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Service quotas: administrators give the account its own connection quota, or the default again; others look. */
@ConsoleTest
@AutoConfigureMockMvc
class QuotasControllerTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	AccountRepository accounts;

	@Autowired
	QuotaPolicy quotas;

	@Autowired
	AuditLog audit;

	@Test
	void anAdministratorGivesTheAccountItsOwnQuotaAndTakesTheDefaultAgain() throws Exception {
		Caller admin = testAccounts.newAdmin();

		mvc.perform(get("/settings/quotas").with(testAccounts.signedIn(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<title>Service quotas")))
			.andExpect(content().string(containsString("<dd id=\"quota-applied\">10</dd>")))
			.andExpect(content().string(containsString("The console&#39;s configuration")))
			.andExpect(content().string(containsString("id=\"quota-form\"")));

		mvc.perform(post("/settings/quotas").param("connectionsPerRegion", "25")
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(redirectedUrl("/settings/quotas"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.quota.changed", "25")));
		assertThat(quotas.limitFor(admin.accountId())).isEqualTo(25);
		mvc.perform(get("/settings/quotas").with(testAccounts.signedIn(admin)))
			.andExpect(content().string(containsString("<dd id=\"quota-applied\">25</dd>")))
			.andExpect(content().string(containsString("This account&#39;s own value")))
			.andExpect(content().string(containsString("value=\"25\"")));

		mvc.perform(post("/settings/quotas").param("connectionsPerRegion", "")
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.quota.changed", "10")));
		assertThat(accounts.connectionQuota(admin.accountId())).isEqualTo(OptionalInt.empty());
		assertThat(quotas.limitFor(admin.accountId())).isEqualTo(10);
		assertThat(audit.latest(admin.accountId().value(), 2))
			.extracting(AuditEvent::action, AuditEvent::resource, AuditEvent::detail)
			.containsExactly(tuple("SetServiceQuota", "Connections per Region", "default"),
					tuple("SetServiceQuota", "Connections per Region", "25"));
	}

	@Test
	void theSameValueAgainChangesNothingAndWritesNoEvent() throws Exception {
		Caller admin = testAccounts.newAdmin();
		accounts.setConnectionQuota(admin.accountId(), 12);

		mvc.perform(post("/settings/quotas").param("connectionsPerRegion", "12")
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(redirectedUrl("/settings/quotas"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("info", "flash.quota.unchanged", "Connections per Region")));
		assertThat(audit.latest(admin.accountId().value(), 10)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1", "100001", "ten", "2.5", "99999999999", "0x10", "#20", "\uff12\uff10", "1e1" })
	void aValueOutsideTheRangeIsShownAtTheFieldAndChangesNothing(String value) throws Exception {
		Caller admin = testAccounts.newAdmin();
		accounts.setConnectionQuota(admin.accountId(), 7);

		mvc.perform(post("/settings/quotas").param("connectionsPerRegion", value)
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "connectionsPerRegion"))
			.andExpect(content().string(containsString("id=\"connectionsPerRegion-error\"")))
			.andExpect(content().string(containsString("Enter a whole number from 0 to 100,000")))
			.andExpect(content().string(containsString("<dd id=\"quota-applied\">7</dd>")));
		assertThat(quotas.limitFor(admin.accountId())).isEqualTo(7);
		assertThat(audit.latest(admin.accountId().value(), 10)).isEmpty();
	}

	@Test
	void aReadOnlyUserSeesTheQuotaButCannotChangeIt() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Caller reader = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);

		mvc.perform(get("/settings/quotas").with(testAccounts.signedIn(reader)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<dd id=\"quota-applied\">10</dd>")))
			.andExpect(content().string(not(containsString("id=\"quota-form\""))));
		mvc.perform(post("/settings/quotas").param("connectionsPerRegion", "99")
			.with(testAccounts.signedIn(reader))
			.with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/settings/quotas").param("connectionsPerRegion", "ten")
			.with(testAccounts.signedIn(reader))
			.with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(quotas.limitFor(admin.accountId())).isEqualTo(10);
	}

	@Test
	void anAccountsQuotaIsItsOwn() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Caller other = testAccounts.newAdmin();

		mvc.perform(post("/settings/quotas").param("connectionsPerRegion", "3")
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(redirectedUrl("/settings/quotas"));

		assertThat(quotas.limitFor(admin.accountId())).isEqualTo(3);
		assertThat(quotas.limitFor(other.accountId())).isEqualTo(10);
	}

}
