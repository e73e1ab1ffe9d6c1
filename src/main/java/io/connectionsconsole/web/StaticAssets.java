package io.connectionsconsole.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * The public URL of a static file: its content-hashed name (cached by browsers for a year), looked up once per
 * file rather than once per page.
 */
@Component
public class StaticAssets {

	private final ResourceUrlProvider resourceUrls;

	private final Map<String, String> urls = new ConcurrentHashMap<>();

	StaticAssets(ResourceUrlProvider mvcResourceUrlProvider) {
		this.resourceUrls = mvcResourceUrlProvider;
	}

	/** {@code path} as the console serves it, e.g. {@code /assets/css/console.css}. */
	public String url(String path) {
		String known = urls.get(path); // computeIfAbsent alone may lock even when the path is known
		if (known != null) {
			return known;
		}
		return urls.computeIfAbsent(path, (p) -> {
			String versioned = resourceUrls.getForLookupPath(p);
			return versioned != null ? versioned : p;
		});
	}

}
