package io.connectionsconsole.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/** Links a page builds: encoded as Spring encodes them, under the console's context path. */
class PageContextTest {

	private static PageContext context(String contextPath) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setContextPath(contextPath);
		return new PageContext(request, Map.of(), null, new PageMessages(new StaticMessageSource()), Locale.ENGLISH,
				null, List.of());
	}

	@Test
	void queryValuesAreEncodedAsSpringEncodesThemAndNullOnesLeftOut() {
		String filter = "a b&c=d/é?#%";
		String expected = UriComponentsBuilder.fromPath("/connections")
			.queryParam("region", "eu-west-1")
			.queryParam("filter", filter)
			.queryParam("page", 2)
			.encode()
			.build()
			.toUriString();

		assertThat(context("").url("/connections", "region", "eu-west-1", "filter", filter, "selected", null, "page", 2))
			.isEqualTo(expected)
			.isEqualTo("/connections?region=eu-west-1&filter=a%20b%26c%3Dd/%C3%A9?%23%25&page=2");
		assertThat(context("").url("/connections", "filter", null)).isEqualTo("/connections");
	}

	@Test
	void linksStartWithTheContextPath() {
		assertThat(context("/console").url("/")).isEqualTo("/console/");
		assertThat(context("/console").path("/connections/{id}/delete", "abc")).isEqualTo("/console/connections/abc/delete");
	}

	@Test
	void aPathVariableIsEncodedAsOneSegment() {
		assertThat(context("").path("/settings/credentials/{id}/delete", "a/b c"))
			.isEqualTo("/settings/credentials/a%2Fb%20c/delete");
	}

}
