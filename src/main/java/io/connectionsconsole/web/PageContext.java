package io.connectionsconsole.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.validation.BindingResult;
import org.springframework.web.util.UriUtils;

import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.region.Region;

/**
 * What every template may ask of the request it renders: messages, links, the CSRF token, the signed-in user and
 * the layout's model. Templates get it as their {@code ctx} parameter.
 */
public final class PageContext {

	private final HttpServletRequest request;

	private final Map<String, ?> model;

	private final String fragment;

	private final PageMessages messages;

	private final Locale locale;

	private final StaticAssets assets;

	private final List<Region> regions;

	PageContext(HttpServletRequest request, Map<String, ?> model, String fragment, PageMessages messages,
			Locale locale, StaticAssets assets, List<Region> regions) {
		this.request = request;
		this.model = model;
		this.fragment = fragment;
		this.messages = messages;
		this.locale = locale;
		this.assets = assets;
		this.regions = regions;
	}

	/** The text of message {@code code} from messages.properties, with its arguments. */
	public String msg(String code, Object... args) {
		return messages.get(code, locale, args);
	}

	/** The part of the page an htmx request asked for, or {@code null} for the whole page. */
	public String fragment() {
		return fragment;
	}

	public boolean wholePage() {
		return fragment == null;
	}

	/** {@code path} with its query parameters, given as name, value pairs; a pair whose value is null is left out. */
	public String url(String path, Object... query) {
		StringBuilder url = new StringBuilder(request.getContextPath()).append(path);
		char separator = '?';
		for (int i = 0; i + 1 < query.length; i += 2) {
			if (query[i + 1] != null) {
				url.append(separator)
					.append(query[i])
					.append('=')
					.append(UriUtils.encodeQueryParam(query[i + 1].toString(), StandardCharsets.UTF_8));
				separator = '&';
			}
		}
		return url.toString();
	}

	/** {@code template} with its {@code {variable}} filled in, encoded as a path segment. */
	public String path(String template, String variable) {
		int start = template.indexOf('{');
		int end = template.indexOf('}', start);
		return request.getContextPath() + template.substring(0, start)
				+ UriUtils.encodePathSegment(variable, StandardCharsets.UTF_8) + template.substring(end + 1);
	}

	public String asset(String path) {
		return request.getContextPath() + assets.url(path);
	}

	public CsrfToken csrf() {
		return (CsrfToken) request.getAttribute(CsrfToken.class.getName());
	}

	/** The CSRF header htmx sends with every request, as the JSON its {@code hx-headers} attribute takes. */
	public String csrfHeaders() {
		CsrfToken token = csrf();
		return token == null ? null : "{\"" + token.getHeaderName() + "\": \"" + token.getToken() + "\"}";
	}

	/** Whether the request has query parameter {@code name}. */
	public boolean hasParam(String name) {
		return request.getParameter(name) != null;
	}

	/** The signed-in user, or {@code null} on the sign-in and error pages of a visitor. */
	public ConsoleUser user() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof ConsoleUser user ? user : null;
	}

	/** Whether the page shows the controls that change things; the services refuse read-only users anyway. */
	public boolean admin() {
		ConsoleUser user = user();
		return user != null && user.role().canWrite();
	}

	/** The regions of the Region selector. */
	public List<Region> regions() {
		return regions;
	}

	/** The region the page is about, if it is about one. */
	public Region region() {
		return model.get("region") instanceof Region region ? region : null;
	}

	public Flash flash() {
		return (Flash) model.get(Flash.ATTRIBUTE);
	}

	/** The connection just added, whose flash offers to complete its handshake. */
	public String createdId() {
		return (String) model.get("createdId");
	}

	public FormErrors errors(String form) {
		return new FormErrors((BindingResult) model.get(BindingResult.MODEL_KEY_PREFIX + form), messages.source(),
				locale);
	}

}
