package io.connectionsconsole.web;

import java.util.Objects;

import org.springframework.stereotype.Component;

import io.connectionsconsole.account.AccountRepository;
import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.region.Region;
import io.connectionsconsole.region.RegionCatalogue;

/**
 * The region a console page shows: the one asked for, else the one the user last chose, else the default.
 * A region the user asks for becomes their remembered region.
 */
@Component
public class CurrentRegion {

	private final RegionCatalogue regions;

	private final AccountRepository accounts;

	CurrentRegion(RegionCatalogue regions, AccountRepository accounts) {
		this.regions = regions;
		this.accounts = accounts;
	}

	public Region resolve(ConsoleUser user, String requested) {
		String remembered = accounts.findUser(user.id()).map((u) -> u.lastRegion()).orElse(null);
		if (requested == null || requested.isBlank()) {
			return regions.contains(remembered) ? regions.require(remembered) : regions.defaultRegion();
		}
		Region region = regions.require(requested);
		if (!Objects.equals(remembered, region.code())) {
			accounts.rememberRegion(user.id(), region.code());
		}
		return region;
	}

}
