package io.connectionsconsole.provider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.InterceptingClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.util.unit.DataSize;

import io.connectionsconsole.config.ConsoleProperties;

/**
 * How the console talks to providers: short connect and read time-outs, so that a slow provider can't hold a
 * console request or the periodic check, and answers read at most {@link #MAX_ANSWER} far, so that a hostile or
 * broken provider (any GitHub Enterprise URL) can't fill the console's memory. The JDK client doesn't retry a 401 the
 * way {@code HttpURLConnection} does with a streamed body, which would hide Bitbucket's answer.
 */
@Component
class ProviderHttp {

	/** Far above a page of 100 repositories (some 600 KB at GitHub) or a token answer. */
	static final DataSize MAX_ANSWER = DataSize.ofMegabytes(4);

	private final ConsoleProperties properties;

	/** With the JDK's certificate authorities: the cloud providers, and hosts with a public certificate. */
	private final Trusting jdk;

	/** Those of hosts with a private certificate authority, by their TLS trust; dropped with their host's client. */
	private final Map<SSLContext, Trusting> hosts = Collections.synchronizedMap(new WeakHashMap<>());

	ProviderHttp(ConsoleProperties properties) {
		this.properties = properties;
		this.jdk = trusting(null);
	}

	/** The request factory on the JDK client of one TLS trust, and the REST client on it. */
	private record Trusting(ClientHttpRequestFactory requestFactory, RestClient rest) {
	}

	private Trusting trusting(SSLContext tls) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.providers().connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER);
		if (tls != null) {
			builder.sslContext(tls);
		}
		HttpClient client = builder.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
		factory.setReadTimeout(properties.providers().readTimeout());
		ClientHttpRequestFactory bounded = new InterceptingClientHttpRequestFactory(factory,
				List.of(ProviderHttp::bounded));
		return new Trusting(bounded, RestClient.builder().requestFactory(bounded).build());
	}

	/** What trusts {@code tls} (a host's private authority); null: the JDK's authorities. */
	private Trusting trust(SSLContext tls) {
		return tls == null ? jdk : hosts.computeIfAbsent(tls, this::trusting);
	}

	ClientHttpRequestFactory requestFactory() {
		return jdk.requestFactory();
	}

	/** The request factory of a provider that trusts {@code tls}; its answers are bounded. */
	ClientHttpRequestFactory requestFactory(SSLContext tls) {
		return trust(tls).requestFactory();
	}

	/** A REST client on {@link #requestFactory(SSLContext)}. */
	RestClient rest(SSLContext tls) {
		return trust(tls).rest();
	}

	/**
	 * A connection to {@code uri} that trusts {@code tls} (null: the JDK's authorities), for a body streamed through
	 * unbounded (a Git pack): it is read on the calling thread, where the JDK client hands its answer over from its
	 * selector thread, which made clones through the console measurably slower (docs/performance.md, "Cloning through
	 * the console"). No redirect is followed; the read time-out applies to each read, so a provider that stalls in the
	 * middle of a pack is cut off too.
	 */
	HttpURLConnection open(URI uri, SSLContext tls) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
		connection.setInstanceFollowRedirects(false);
		connection.setConnectTimeout(Math.toIntExact(properties.providers().connectTimeout().toMillis()));
		connection.setReadTimeout(Math.toIntExact(properties.providers().readTimeout().toMillis()));
		if (tls != null && connection instanceof HttpsURLConnection https) {
			https.setSSLSocketFactory(tls.getSocketFactory());
		}
		return connection;
	}

	/** The provider's answer, whose body ends in {@link AnswerTooLargeException} past the limit. */
	private static ClientHttpResponse bounded(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		ClientHttpResponse response = execution.execute(request, body);
		return new ClientHttpResponse() {

			private InputStream body;

			@Override
			public HttpStatusCode getStatusCode() throws IOException {
				return response.getStatusCode();
			}

			@Override
			public String getStatusText() throws IOException {
				return response.getStatusText();
			}

			@Override
			public HttpHeaders getHeaders() {
				return response.getHeaders();
			}

			@Override
			public InputStream getBody() throws IOException {
				if (body == null) {
					body = new BoundedStream(response.getBody());
				}
				return body;
			}

			@Override
			public void close() {
				response.close();
			}

		};
	}

	/** A provider's answer went past {@link #MAX_ANSWER}: refused as soon as it did, the rest left unread. */
	static final class AnswerTooLargeException extends IOException {

		AnswerTooLargeException() {
			super("The provider's answer is larger than " + MAX_ANSWER.toMegabytes() + " MB");
		}

	}

	private static final class BoundedStream extends FilterInputStream {

		private long left = MAX_ANSWER.toBytes();

		BoundedStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int read = super.read();
			if (read != -1) {
				count(1);
			}
			return read;
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			int read = super.read(bytes, offset, length);
			if (read > 0) {
				count(read);
			}
			return read;
		}

		@Override
		public long skip(long n) throws IOException {
			long skipped = super.skip(n);
			count(skipped);
			return skipped;
		}

		private void count(long read) throws AnswerTooLargeException {
			left -= read;
			if (left < 0) {
				throw new AnswerTooLargeException();
			}
		}

	}

}
