package io.connectionsconsole.web;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.region.Region;
import io.connectionsconsole.region.RegionCatalogue;

/** What every console page's layout needs: the region list for the selector and the signed-in user. */
@ControllerAdvice(basePackages = { "io.connectionsconsole.connection", "io.connectionsconsole.account",
		"io.connectionsconsole.audit", "io.connectionsconsole.handshake", "io.connectionsconsole.web" })
class LayoutModelAdvice {

	private final RegionCatalogue regions;

	LayoutModelAdvice(RegionCatalogue regions) {
		this.regions = regions;
	}

	@ModelAttribute("regions")
	List<Region> regions() {
		return regions.all();
	}

	@ModelAttribute("currentUser")
	ConsoleUser currentUser(@AuthenticationPrincipal ConsoleUser user) {
		return user;
	}

	/** Whether the page shows the controls that change things; the services refuse read-only users anyway. */
	@ModelAttribute("admin")
	boolean admin(@AuthenticationPrincipal ConsoleUser user) {
		return user != null && user.role() == Role.ADMIN;
	}

}
