package io.connectionsconsole.web;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.AbstractCachingViewResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

import io.connectionsconsole.region.Region;
import io.connectionsconsole.region.RegionCatalogue;

/**
 * Console pages from the templates under {@code src/main/jte}, compiled to Java classes at build time. A view name is
 * a template path ({@code connections/list}); {@code connections/list :: page} renders the same template for an htmx
 * request, which swaps only part of the page: the layout then writes its content alone, without head and top bar
 * ({@link PageContext#fragment()} names the part asked for).
 */
@Component
class TemplateViewResolver extends AbstractCachingViewResolver implements Ordered {

	private static final String FRAGMENT_SEPARATOR = " :: ";

	private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

	private final PageMessages messages;

	private final StaticAssets assets;

	private final List<Region> regions;

	TemplateViewResolver(PageMessages messages, StaticAssets assets, RegionCatalogue regions) {
		this.messages = messages;
		this.assets = assets;
		this.regions = regions.all();
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

	@Override
	protected View loadView(String viewName, Locale locale) {
		int separator = viewName.indexOf(FRAGMENT_SEPARATOR);
		String template = (separator < 0 ? viewName : viewName.substring(0, separator)) + ".jte";
		String fragment = separator < 0 ? null : viewName.substring(separator + FRAGMENT_SEPARATOR.length());
		if (viewName.contains(":") && separator < 0 || !engine.hasTemplate(template)) {
			return null;
		}
		return new TemplateView(template, fragment);
	}

	private final class TemplateView implements View {

		private static final String CONTENT_TYPE = "text/html;charset=UTF-8";

		private static final int CHUNK_SIZE = 8 * 1024;

		private final String template;

		private final String fragment;

		TemplateView(String template, String fragment) {
			this.template = template;
			this.fragment = fragment;
		}

		@Override
		public String getContentType() {
			return CONTENT_TYPE;
		}

		@Override
		public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
				throws IOException {
			Map<String, Object> params = new HashMap<>(model == null ? Map.of() : model);
			params.put("ctx", new PageContext(request, params, fragment, messages,
					RequestContextUtils.getLocale(request), assets, regions));
			Utf8ByteOutput output = new Utf8ByteOutput(CHUNK_SIZE);
			engine.render(template, params, output);
			// One write of the whole page: each write to the response passes through every wrapper of the
			// filter chain, which for a page written in its many small pieces cost more than rendering it.
			byte[] page = output.toByteArray();
			response.setContentType(CONTENT_TYPE);
			response.setContentLength(page.length);
			response.getOutputStream().write(page);
		}

	}

}
