package io.connectionsconsole.region;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.connectionsconsole.config.ConsoleProperties;

/** The configured regions, in their configured order, and the default one. */
@Component
public class RegionCatalogue {

	private final Map<String, Region> regions = new LinkedHashMap<>();

	private final List<Region> all;

	private final Region defaultRegion;

	public RegionCatalogue(ConsoleProperties properties) {
		for (String entry : properties.regions()) {
			int eq = entry.indexOf('=');
			String code = (eq < 0 ? entry : entry.substring(0, eq)).trim();
			String name = (eq < 0 ? code : entry.substring(eq + 1)).trim();
			if (!code.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
				throw new IllegalStateException("console.regions names '" + code + "', which is not a region code like "
						+ "us-east-1");
			}
			regions.put(code, new Region(code, name));
		}
		this.all = List.copyOf(regions.values());
		this.defaultRegion = regions.get(properties.defaultRegion());
		if (defaultRegion == null) {
			throw new IllegalStateException(
					"console.default-region '" + properties.defaultRegion() + "' is not in console.regions");
		}
	}

	/** Every region, in the configured order; the top bar's Region selector lists them. */
	public List<Region> all() {
		return all;
	}

	public Region defaultRegion() {
		return defaultRegion;
	}

	public boolean contains(String code) {
		return regions.containsKey(code);
	}

	/** The region with this code, or {@link UnknownRegionException}. */
	public Region require(String code) {
		Region region = regions.get(code);
		if (region == null) {
			throw new UnknownRegionException(code);
		}
		return region;
	}

}
