package io.connectionsconsole.provider;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;

import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.web.PageAdmission;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's pages take turns, but not static files, webjars nor the pages that call a provider. */
@ConsoleTest
class ProviderPagesTest {

	private static final String CONNECTION = "/connections/0123456789abcdef0123456789abcdef";

	@Autowired
	FilterRegistrationBean<PageAdmission> pageAdmission;

	@Test
	void theHandshakeCallbackTheRepositoriesStaticFilesAndWebjarsDontTakeTurns() {
		PageAdmission admission = pageAdmission.getFilter();

		assertThat(admission.takesTurn(get("/connections/handshake/callback/github"))).isFalse();
		assertThat(admission.takesTurn(get("/connections/handshake/callback/bitbucket"))).isFalse();
		assertThat(admission.takesTurn(get(CONNECTION + "/repositories"))).isFalse();
		assertThat(admission.takesTurn(get("/assets/console-0123abcd.css"))).isFalse();
		assertThat(admission.takesTurn(get("/webjars/htmx.org/dist/htmx.min-0123abcd.js"))).isFalse();
	}

	@Test
	void theOtherPagesTakeTurnsAndRequestsWithABodyDont() {
		PageAdmission admission = pageAdmission.getFilter();

		assertThat(admission.takesTurn(get("/connections"))).isTrue();
		assertThat(admission.takesTurn(get(CONNECTION))).isTrue();
		assertThat(admission.takesTurn(get("/connections/handshake/link"))).isTrue();
		assertThat(admission.takesTurn(get("/audit"))).isTrue();
		assertThat(admission.takesTurn(new MockHttpServletRequest("POST", CONNECTION + "/repositories"))).isFalse();
		assertThat(admission.takesTurn(new MockHttpServletRequest("POST", "/connections"))).isFalse();
	}

	private static MockHttpServletRequest get(String path) {
		return new MockHttpServletRequest("GET", path);
	}

}
