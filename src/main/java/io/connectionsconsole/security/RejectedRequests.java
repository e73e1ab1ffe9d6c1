package io.connectionsconsole.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import io.connectionsconsole.config.PlainErrorPage;

/**
 * A request Spring Security's firewall refuses (a header value with a control character, a path it doesn't take),
 * answered at once in the form its client reads: the API's JSON error, the Git client's line, or the console's page.
 * The error dispatch of a {@code sendError} would meet the same header again and end with an empty answer. Nothing
 * of the request is quoted or logged (a refused header may be a credential); its request line says 400.
 */
final class RejectedRequests implements RequestRejectedHandler {

	private final MessageSource messages;

	RejectedRequests(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("X-Content-Type-Options", "nosniff");
		String context = request.getContextPath();
		String path = request.getRequestURI();
		if (path.startsWith(context + "/git-http/")) {
			write(response, "text/plain", "Connections Console: the request holds a header or path this console "
					+ "can't read (such as a control character; in the path an empty, '.' or '..' part, a ';', a "
					+ "backslash, or an encoded slash, dot, percent sign or NUL).\n");
		}
		else if ("POST".equals(request.getMethod()) && path.equals(context + "/")) {
			response.setHeader("x-amzn-ErrorType", "InvalidRequestException");
			write(response, "application/x-amz-json-1.0", "{\"__type\":\"InvalidRequestException\",\"Message\":"
					+ "\"The request holds a header or path the service can't read (such as a control character; in the "
					+ "path an empty, '.' or '..' part, a ';', a backslash, or an encoded slash, dot, percent sign or "
					+ "NUL).\"}");
		}
		else {
			response.setHeader("Content-Security-Policy", PlainErrorPage.CONTENT_SECURITY_POLICY);
			response.setHeader("X-Frame-Options", "DENY");
			write(response, "text/html", PlainErrorPage.html(messages, context, "badRequest"));
		}
	}

	private static void write(HttpServletResponse response, String type, String body) throws IOException {
		response.setContentType(type);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(body);
		response.flushBuffer();
	}

}
