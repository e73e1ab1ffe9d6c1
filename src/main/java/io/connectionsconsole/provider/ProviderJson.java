package io.connectionsconsole.provider;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

import io.connectionsconsole.error.InvalidInputException;

/** What the provider clients read out of a provider's JSON the same way: texts, times, names and web addresses. */
final class ProviderJson {

	static final int MAX_NAME_LENGTH = 255;

	static final int MAX_URL_LENGTH = 1024;

	/**
	 * One link of a {@code Link} header (RFC 8288): {@code <url>} and its parameters. Spring has no parser for the
	 * header; GitHub and GitLab write it in this one simple form.
	 */
	private static final Pattern LINK = Pattern.compile("<([^>]*)>([^<]*)");

	private static final Pattern NEXT = Pattern.compile(";\\s*rel=\"?next\"?(?:[;,\\s]|$)");

	private ProviderJson() {
	}

	static String text(JsonNode node) {
		return node != null && node.isString() && !node.stringValue().isBlank() ? node.stringValue() : null;
	}

	/** A time the provider wrote in ISO 8601; null when it wrote none or something else. */
	static Instant time(JsonNode node) {
		String value = text(node);
		try {
			return value == null ? null : OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** A repository's full name when it is one: what the console links to and asks branches of. */
	static String fullName(String value) {
		try {
			return value == null ? null : RepoName.parse(value).fullName();
		}
		catch (InvalidInputException ex) {
			return null;
		}
	}

	/** The URL of the {@code rel="next"} link of the answer's {@code Link} headers; null without one. */
	static String nextLink(HttpHeaders headers) {
		for (String header : headers.getOrEmpty(HttpHeaders.LINK)) {
			Matcher link = LINK.matcher(header);
			while (link.find()) {
				if (NEXT.matcher(link.group(2)).find()) {
					return link.group(1);
				}
			}
		}
		return null;
	}

	static ProviderCallException noAccount(String what) {
		return ProviderCallException.unexpected("The user endpoint named no " + what, null);
	}

	/** A display name that fits the column. */
	static String shorten(String value) {
		return value.length() <= MAX_NAME_LENGTH ? value : value.substring(0, MAX_NAME_LENGTH);
	}

	/** The provider's profile URL when it is a plain web address, since the page links to it; else null. */
	static String webUrl(String url) {
		if (url == null || url.length() > MAX_URL_LENGTH) {
			return null;
		}
		try {
			URI uri = URI.create(url);
			boolean web = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
			return web ? uri.toString() : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
