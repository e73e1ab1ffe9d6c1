package io.connectionsconsole.config;

import java.util.Locale;

import org.unbescape.html.HtmlEscape;

import org.springframework.context.MessageSource;

/**
 * The console's error page in its words, for an answer written where no template can be rendered: a request the server
 * or Spring Security's firewall refuses before the console's pages see it. Its headers say nothing of it runs or frames.
 */
public final class PlainErrorPage {

	/** The security headers such a page goes with. */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

	private PlainErrorPage() {
	}

	/** The page for {@code kind} ({@code badRequest}, {@code server}): its title, its problem, the way back. */
	public static String html(MessageSource messages, String contextPath, String kind) {
		String title = text(messages, "error." + kind + ".title");
		return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + title + " | "
				+ text(messages, "app.name") + "</title>\n</head>\n<body>\n<main id=\"main\">\n<h1>" + title
				+ "</h1>\n<p id=\"problem-message\">" + text(messages, "error." + kind + ".body") + "</p>\n<p><a href=\""
				+ HtmlEscape.escapeHtml5(contextPath) + "/\">" + text(messages, "error.back")
				+ "</a></p>\n</main>\n</body>\n</html>\n";
	}

	private static String text(MessageSource messages, String code) {
		return HtmlEscape.escapeHtml5(messages.getMessage(code, null, Locale.ENGLISH));
	}

}
