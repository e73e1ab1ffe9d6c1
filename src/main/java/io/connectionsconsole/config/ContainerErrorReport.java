package io.connectionsconsole.config;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;

/**
 * What Tomcat answers a request it refuses before the console sees it (a path with an encoded slash, backslash or NUL,
 * a request line or headers past its limits): the console's words for a request not valid, from messages.properties,
 * where Tomcat would write its own "HTTP Status 400" report. Requests the console serves have Spring Boot's error page.
 */
final class ContainerErrorReport extends ErrorReportValve {

	private static final Logger log = LoggerFactory.getLogger(ContainerErrorReport.class);

	private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

	private final Supplier<MessageSource> messages;

	ContainerErrorReport(Supplier<MessageSource> messages) {
		this.messages = messages;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		// such a request has no request line of the console's: this is the operator's trace of it (its path,
		// which may hold a handshake link's secret, is not written)
		String method = request.getMethod();
		log.info("{} request answered {} by the server itself: {}",
				(method != null && METHOD.matcher(method).matches()) ? method : "A", status, (status < 500)
						? "the console never read it, as its request line, headers or path are none the server takes "
								+ "(too large, or an encoded slash, backslash or NUL)"
						: "a failure outside the console's pages");
		AtomicBoolean writable = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
		if (!writable.get()) {
			return; // the connection is gone
		}
		try {
			String page = PlainErrorPage.html(messages.get(), request.getContextPath(),
					(status < 500) ? "badRequest" : "server");
			response.setContentType("text/html");
			response.setCharacterEncoding("utf-8");
			// what the console's other answers carry: nothing of it runs, frames or is guessed at
			response.setHeader("Content-Security-Policy", PlainErrorPage.CONTENT_SECURITY_POLICY);
			response.setHeader("X-Content-Type-Options", "nosniff");
			response.setHeader("X-Frame-Options", "DENY");
			response.setHeader("Cache-Control", "no-store");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(page);
				response.finishResponse();
			}
		}
		catch (IOException | RuntimeException ex) {
			// the client went away, the answer was under way, or the console is stopping: nothing more to say
		}
	}

}
