package io.connectionsconsole.handshake;

import java.net.http.HttpClient;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;

import io.connectionsconsole.config.ConsoleProperties;

/**
 * How the console talks to providers: short connect and read time-outs, so that a slow provider can't hold a
 * console request or the periodic check. The JDK client doesn't retry a 401 the way
 * {@code HttpURLConnection} does with a streamed body, which would hide Bitbucket's answer.
 */
@Component
class ProviderHttp {

	private final ClientHttpRequestFactory requestFactory;

	ProviderHttp(ConsoleProperties properties) {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.providers().connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
		factory.setReadTimeout(properties.providers().readTimeout());
		this.requestFactory = factory;
	}

	ClientHttpRequestFactory requestFactory() {
		return requestFactory;
	}

}
