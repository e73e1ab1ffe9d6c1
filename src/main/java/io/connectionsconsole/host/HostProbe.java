package io.connectionsconsole.host;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.Printable;

/**
 * Finds out whether a host's server is what it says: GitHub Enterprise Server answers {@code GET /api/v3/meta} with its
 * {@code installed_version}; GitLab answers {@code GET /api/v4/version} with its {@code version}, or, without a token,
 * with its own 401 ({@code {"message":"401 Unauthorized"}}). Before any request the URL must be https (unless the host
 * is a testing host) and must not resolve to a loopback, link-local or metadata address unless
 * {@code console.hosts.allow-private-networks} says so. The server's certificate must verify against the JDK's
 * certificate authorities and the host's own CA certificate, if it has one.
 */
@Component
public class HostProbe {

	/** Cloud instance metadata that isn't loopback or link-local: AWS's IPv6 endpoint and Alibaba Cloud's. */
	private static final Set<String> METADATA = Set.of("fd00:ec2:0:0:0:0:0:254", "100.100.100.200");

	private static final int MAX_ANSWER = 64 * 1024;

	/** The longest URL a host keeps (its column's width). */
	static final int MAX_URL = 1024;

	/** A URL's path: segments of unreserved characters, none of them {@code .} or {@code ..}. */
	private static final Pattern PATH = Pattern.compile("(/(?!\\.{1,2}(?:/|$))[A-Za-z0-9._~-]+)*");

	private final ConsoleProperties properties;

	private final JsonMapper json;

	HostProbe(ConsoleProperties properties, JsonMapper json) {
		this.properties = properties;
		this.json = json;
	}

	/** What the console found at a host's server: it is what it says, or the reason it isn't. */
	public record Finding(HostStatus status, String reason) {

		static Finding ok() {
			return new Finding(HostStatus.AVAILABLE, null);
		}

		static Finding error(String reason) {
			return new Finding(HostStatus.ERROR, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
		}

	}

	/**
	 * The URL an administrator entered, checked: https (or http for a testing host), a host name, no user, query or
	 * fragment; without a trailing slash. An {@link InvalidInputException} at {@code Url} says what is wrong.
	 */
	public static URI url(String value, boolean forTesting) {
		URI url;
		try {
			url = value == null || value.isBlank() ? null : URI.create(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("Url", "'" + Printable.excerpt(value.strip(), 100) + "' is not a URL.");
		}
		if (url == null) {
			throw new InvalidInputException("Url", "Enter the server's URL, such as https://gitlab.example.com.");
		}
		if (value.strip().length() > MAX_URL) {
			throw new InvalidInputException("Url", "The server's URL is longer than " + MAX_URL + " characters.");
		}
		String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !(forTesting && scheme.equals("http"))) {
			throw new InvalidInputException("Url", "The server's URL must start with https:// (plain http only for a "
					+ "host marked for testing): tokens travel to it.");
		}
		if (url.getHost() == null && url.getRawAuthority() != null && !url.getRawAuthority().contains("@")) {
			// an authority Java's URI reads as no server's: a port that is no number, a name in other letters
			throw new InvalidInputException("Url", "'" + Printable.excerpt(url.getRawAuthority(), 100) + "' is not a "
					+ "host name with an optional port: a host name is letters, digits, '-' and '.' (a name in other "
					+ "letters in its xn-- form), and a port a number from 1 to 65535.");
		}
		if (url.getHost() == null || url.getRawUserInfo() != null || url.getRawQuery() != null
				|| url.getRawFragment() != null || url.getRawPath() != null && url.getRawPath().contains("..")) {
			throw new InvalidInputException("Url", "The server's URL must be its address only, such as "
					+ "https://gitlab.example.com or https://example.com/gitlab: no user, query or fragment.");
		}
		if (url.getPort() == 0 || url.getPort() > 65_535) {
			throw new InvalidInputException("Url", "The server's URL names port " + url.getPort()
					+ ": a port is a number from 1 to 65535.");
		}
		String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
		if (!PATH.matcher(path).matches()) {
			// an escaped byte (%00, %2F, %2e%2e) or an empty segment is read by the server as another path
			throw new InvalidInputException("Url", "The path of the server's URL is names of letters, digits, '-', "
					+ "'.', '_' and '~' between slashes, such as https://example.com/gitlab: '"
					+ Printable.excerpt(path, 100) + "' is not.");
		}
		return URI.create(scheme + "://" + url.getRawAuthority() + path);
	}

	/**
	 * The CA certificates of a PEM text; none for a blank one. An {@link InvalidInputException} at
	 * {@code CaCertificate} when it holds no certificate, or a private key.
	 */
	public static List<X509Certificate> caCertificates(String pem) {
		if (pem == null || pem.isBlank()) {
			return List.of();
		}
		if (pem.contains("PRIVATE KEY")) {
			throw new InvalidInputException("CaCertificate", "That is a private key: paste the certificate of the "
					+ "certificate authority (-----BEGIN CERTIFICATE-----), never a key. Nothing was stored.");
		}
		try {
			Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
			List<X509Certificate> certificates = new ArrayList<>();
			for (Certificate certificate : read) {
				certificates.add((X509Certificate) certificate);
			}
			if (certificates.isEmpty()) {
				throw new GeneralSecurityException("no certificate");
			}
			return certificates;
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			throw new InvalidInputException("CaCertificate", "The CA certificate must be one or more PEM certificates "
					+ "(-----BEGIN CERTIFICATE----- …).");
		}
	}

	/**
	 * Asks the server what it is. A refusal ({@link InvalidInputException}) where the host is wrong for good: an address
	 * the console may not reach, a certificate that doesn't verify, a server of the other type. A finding otherwise:
	 * available, or an error with its reason (unreachable, or not answering as either type).
	 */
	public Finding probe(HostType type, URI url, String caPem) {
		List<X509Certificate> cas = caCertificates(caPem);
		try {
			requireReachableAddress(url);
		}
		catch (UnknownHostException ex) {
			return Finding.error("The console could not find " + url.getHost() + " in DNS.");
		}
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.providers().connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.sslContext(sslContext(cas))
			.build();
		try (http) {
			if (answersAs(http, url, type)) {
				return Finding.ok();
			}
			HostType other = type == HostType.GITHUB_ENTERPRISE_SERVER ? HostType.GITLAB_SELF_MANAGED
					: HostType.GITHUB_ENTERPRISE_SERVER;
			if (answersAs(http, url, other)) {
				throw new InvalidInputException("ProviderType", "The server at " + url + " answers as "
						+ other.displayName() + ", not as " + type.displayName() + ": choose " + other.displayName()
						+ ", or check the URL.");
			}
			return Finding.error("The server at " + url + " doesn't answer " + identityPath(type) + " as "
					+ type.displayName() + " does: check the URL.");
		}
		catch (SSLException ex) {
			throw new InvalidInputException("CaCertificate", "The server's certificate at " + url + " doesn't verify"
					+ (cas.isEmpty() ? "; if a private certificate authority issued it, add that authority's certificate."
							: " with the CA certificate given: " + ex.getMessage()));
		}
		catch (HttpConnectTimeoutException ex) {
			return Finding.error("The console could not connect to " + url + " within "
					+ properties.providers().connectTimeout().toSeconds() + " seconds.");
		}
		catch (HttpTimeoutException ex) {
			return Finding.error("The server at " + url + " didn't answer within "
					+ properties.providers().readTimeout().toSeconds() + " seconds.");
		}
		catch (ConnectException ex) {
			return Finding.error("The console could not connect to " + url + ".");
		}
		catch (IOException ex) {
			return Finding.error("The console could not reach " + url + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Finding.error("The check of " + url + " was interrupted.");
		}
	}

	/**
	 * Refuses (at {@code Url}) a host whose name resolves to a loopback, link-local, unspecified, multicast or cloud
	 * metadata address, unless private networks are allowed. Tokens and the client secret go to this address.
	 */
	void requireReachableAddress(URI url) throws UnknownHostException {
		if (properties.hosts().allowPrivateNetworks()) {
			return;
		}
		for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
			if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
					|| address.isMulticastAddress() || METADATA.contains(text(address))) {
				throw new InvalidInputException("Url", url.getHost() + " resolves to " + text(address)
						+ ", a loopback, link-local or metadata address the console doesn't send tokens to. An "
						+ "administrator of the console can allow it with console.hosts.allow-private-networks=true.");
			}
		}
	}

	private static String text(InetAddress address) {
		String text = address.getHostAddress();
		return address instanceof Inet6Address && text.contains("%") ? text.substring(0, text.indexOf('%')) : text;
	}

	private static String identityPath(HostType type) {
		return type == HostType.GITHUB_ENTERPRISE_SERVER ? "/api/v3/meta" : "/api/v4/version";
	}

	/**
	 * Whether the server answers the identity request of {@code type} as such a server does. The whole answer, its body
	 * too, must come within the connect and read time-outs: a server that sends its headers and then trickles is not
	 * waited for.
	 */
	private boolean answersAs(HttpClient http, URI url, HostType type) throws IOException, InterruptedException {
		CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(
				HttpRequest.newBuilder(URI.create(url + identityPath(type)))
					.header("Accept", "application/json")
					.timeout(properties.providers().readTimeout())
					.GET()
					.build(),
				HttpResponse.BodyHandlers.limiting(HttpResponse.BodyHandlers.ofByteArray(), MAX_ANSWER));
		HttpResponse<byte[]> answer;
		try {
			answer = sent.get(properties.providers().connectTimeout().plus(properties.providers().readTimeout()).toMillis(),
					TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			sent.cancel(true);
			throw new HttpTimeoutException("The answer did not come whole in time");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				if (io.getMessage() != null && io.getMessage().startsWith("body exceeds capacity")) {
					// the JDK's limiting handler refused an answer larger than any such server's
					return false;
				}
				throw io;
			}
			throw new IOException(ex.getCause());
		}
		catch (InterruptedException ex) {
			sent.cancel(true);
			throw ex;
		}
		JsonNode body;
		try {
			body = json.readTree(answer.body());
		}
		catch (JacksonException ex) {
			return false;
		}
		if (body == null || !body.isObject()) {
			return false;
		}
		if (type == HostType.GITHUB_ENTERPRISE_SERVER) {
			return answer.statusCode() == 200 && body.path("installed_version").isString();
		}
		return answer.statusCode() == 200 && body.path("version").isString()
				|| answer.statusCode() == 401 && body.path("message").asString("").startsWith("401");
	}

	/** The JDK's certificate authorities, and the host's own when it has one. */
	public static SSLContext sslContext(List<X509Certificate> cas) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			if (cas.isEmpty()) {
				context.init(null, null, null);
				return context;
			}
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			int n = 0;
			for (X509Certificate jdk : defaultTrustManager().getAcceptedIssuers()) {
				trusted.setCertificateEntry("jdk-" + n++, jdk);
			}
			for (X509Certificate ca : cas) {
				trusted.setCertificateEntry("host-" + n++, ca);
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trusted);
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("TLS set-up failed", ex);
		}
	}

	private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init((KeyStore) null);
		for (TrustManager manager : factory.getTrustManagers()) {
			if (manager instanceof X509TrustManager x509) {
				return x509;
			}
		}
		throw new GeneralSecurityException("No X.509 trust manager");
	}

}
