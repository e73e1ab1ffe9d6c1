package io.connectionsconsole.security;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.connectionsconsole.support.ConsoleTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The X-Forwarded-* headers from a client the console does not trust as its proxy (here only 192.0.2.1 is): ignored,
 * so that no one reaching the console directly can pass for HTTPS or for another host.
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.tomcat.remoteip.internal-proxies=192\\.0\\.2\\.1")
class UntrustedForwardedHeadersTest {

	@LocalServerPort
	int port;

	@Test
	void theForwardedHeadersOfAClientThatIsNotTheProxyAreIgnored() throws Exception {
		HttpResponse<String> login = ForwardedHeadersTest.get(port, "/login", ForwardedHeadersTest.THROUGH_TLS_PROXY);
		assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
		assertThat(login.headers().allValues("Set-Cookie")).singleElement()
			.satisfies((cookie) -> assertThat(cookie).doesNotContain("Secure"));

		HttpResponse<String> protectedPage = ForwardedHeadersTest.get(port, "/audit",
				ForwardedHeadersTest.THROUGH_TLS_PROXY);
		assertThat(protectedPage.headers().firstValue("Location")).hasValue("http://localhost:" + port + "/login");
	}

}
