package io.connectionsconsole.security;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.ResponseStatusException;

import io.connectionsconsole.web.FilterOrder;

/**
 * Reads the body of every console request that has one through {@link RequestBodyReader}, before the session, sign-in
 * or CSRF checks look at the request: a body past the size limit is refused at once (413), one that arrives too
 * slowly when its time is up (408), and the connection is closed rather than drained. The rest of the console reads
 * the body and its form parameters from memory. Tomcat parses form bodies itself, beyond any wrapper's reach, with
 * a timeout for each read only; this filter is what bounds the whole. API requests read their own body the same way,
 * to answer in AWS JSON.
 */
@Component
@Order(FilterOrder.REQUEST_BODY)
class RequestBodyFilter extends OncePerRequestFilter {

	private final RequestBodyReader reader;

	private final FormHttpMessageConverter forms = new FormHttpMessageConverter();

	RequestBodyFilter(RequestBodyReader reader) {
		this.reader = reader;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
		// Git's bodies stream through to the provider as they come (link/GitHttpController); a slow one holds a
		// virtual thread only.
		return !hasBody || SecurityConfiguration.API_REQUEST.matches(request)
				|| SecurityConfiguration.GIT_HTTP_REQUEST.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		byte[] body;
		try {
			body = reader.read(request);
		}
		catch (ResponseStatusException ex) {
			// A client silent past Tomcat's connection timeout has had its 408 from Tomcat already, which renders it
			// through the console's error page all the same.
			if (!response.isCommitted()) {
				response.setHeader(HttpHeaders.CONNECTION, "close");
				response.sendError(ex.getStatusCode().value(), ex.getReason());
			}
			return;
		}
		MultiValueMap<String, String> form;
		try {
			form = formParameters(request, body);
		}
		catch (HttpMessageNotReadableException | IllegalArgumentException ex) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST, "The form is not URL-encoded.");
			return;
		}
		chain.doFilter(new BufferedBodyRequest(request, body, form), response);
	}

	/** The parameters of a form post's body, as Tomcat would have parsed them: for POST only. */
	private MultiValueMap<String, String> formParameters(HttpServletRequest request, byte[] body) throws IOException {
		MediaType contentType;
		try {
			contentType = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
		}
		catch (IllegalArgumentException ex) {
			contentType = null;
		}
		if (!HttpMethod.POST.matches(request.getMethod()) || contentType == null
				|| !MediaType.APPLICATION_FORM_URLENCODED.includes(contentType)) {
			return null;
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(contentType.getCharset() == null
				? new MediaType(contentType, charset(request)) : contentType);
		return forms.read(null, new HttpInputMessage() {

			@Override
			public InputStream getBody() {
				return new ByteArrayInputStream(body);
			}

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

		});
	}

	private static Charset charset(HttpServletRequest request) {
		return request.getCharacterEncoding() == null ? StandardCharsets.UTF_8
				: Charset.forName(request.getCharacterEncoding());
	}

	/** The request with its body in memory; a form post's parameters follow those of its query string. */
	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		private final Map<String, String[]> parameters;

		BufferedBodyRequest(HttpServletRequest request, byte[] body, MultiValueMap<String, String> form) {
			super(request);
			this.body = body;
			this.parameters = form == null ? request.getParameterMap() : merged(request.getParameterMap(), form);
		}

		private static Map<String, String[]> merged(Map<String, String[]> query, MultiValueMap<String, String> form) {
			Map<String, String[]> merged = new LinkedHashMap<>(query);
			form.forEach((name, values) -> merged.merge(name, values.toArray(String[]::new),
					StringUtils::concatenateStringArrays));
			return Collections.unmodifiableMap(merged);
		}

		@Override
		public String getParameter(String name) {
			String[] values = parameters.get(name);
			return values == null || values.length == 0 ? null : values[0];
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return parameters;
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(parameters.keySet());
		}

		@Override
		public String[] getParameterValues(String name) {
			String[] values = parameters.get(name);
			return values == null ? null : values.clone();
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body has been read already");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset(this)));
		}

	}

}
