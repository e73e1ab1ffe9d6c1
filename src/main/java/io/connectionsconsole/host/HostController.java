package io.connectionsconsole.host;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.region.CurrentRegion;
import io.connectionsconsole.region.Region;
import io.connectionsconsole.web.Confirmation;
import io.connectionsconsole.web.Flash;
import io.connectionsconsole.web.FormErrors;

/**
 * *Hosts*, for administrators: the Region's hosts, *Create host*, and a host's page with its status, *Retry* and
 * *Delete*, which names the connections that keep it.
 */
@Controller
class HostController {

	private final HostService hosts;

	private final CurrentRegion currentRegion;

	HostController(HostService hosts, CurrentRegion currentRegion) {
		this.hosts = hosts;
		this.currentRegion = currentRegion;
	}

	@GetMapping("/hosts")
	String list(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String region, Model model) {
		Region current = currentRegion.resolve(user, region);
		model.addAttribute("region", current);
		model.addAttribute("hosts", hosts.list(user.caller(), current));
		return "hosts/list";
	}

	@GetMapping("/hosts/new")
	String newHost(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String region,
			Model model) {
		Region current = currentRegion.resolve(user, region);
		user.caller().requireWrite("manage hosts");
		model.addAttribute("region", current);
		model.addAttribute("types", HostType.values());
		model.addAttribute("form", HostForm.EMPTY);
		return "hosts/new";
	}

	/** Creates the host and shows it; or the form again with each refusal at its field, and nothing stored. */
	@PostMapping("/hosts")
	String create(@AuthenticationPrincipal ConsoleUser user, @RequestParam String region,
			@Validated @ModelAttribute("form") HostForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		// refused before its input is looked at, as the form itself is
		user.caller().requireWrite("manage hosts");
		Region current = currentRegion.resolve(user, region);
		if (!result.hasErrors()) {
			try {
				Host host = hosts.create(user.caller(), current, form.request());
				if (host.status() == HostStatus.AVAILABLE) {
					Flash.success(redirect, "flash.host.created", host.name().value());
				}
				else {
					Flash.error(redirect, "flash.host.createdWithError", host.name().value());
				}
				return "redirect:" + url(host.id());
			}
			catch (InvalidInputException ex) {
				FormErrors.reject(result, ex);
			}
		}
		model.addAttribute("region", current);
		model.addAttribute("types", HostType.values());
		return "hosts/new";
	}

	@GetMapping("/hosts/{id}")
	String show(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
		Host host = hosts.get(user.caller(), id);
		model.addAttribute("region", currentRegion.resolve(user, host.region()));
		model.addAttribute("host", host);
		model.addAttribute("connections", hosts.connectionsThrough(user.caller(), id));
		return "hosts/host";
	}

	@PostMapping("/hosts/{id}/retry")
	String retry(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, RedirectAttributes redirect) {
		Host host = hosts.retry(user.caller(), id);
		if (host.status() == HostStatus.AVAILABLE) {
			Flash.success(redirect, "flash.host.available", host.name().value());
		}
		else {
			Flash.error(redirect, "flash.host.stillError", host.name().value());
		}
		return "redirect:" + url(id);
	}

	@PostMapping("/hosts/{id}/delete")
	String delete(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
			@RequestParam(name = "confirm", defaultValue = "") String confirm, RedirectAttributes redirect) {
		Host host = hosts.get(user.caller(), id);
		if (!Confirmation.typed(confirm, "delete")) {
			Flash.error(redirect, "flash.host.deleteNotConfirmed", host.name().value());
			return "redirect:" + url(id);
		}
		try {
			hosts.delete(user.caller(), id);
		}
		catch (HostInUseException ex) {
			Flash.error(redirect, "flash.host.refused", ex.getMessage());
			return "redirect:" + url(id);
		}
		Flash.success(redirect, "flash.host.deleted", host.name().value());
		return "redirect:" + UriComponentsBuilder.fromPath("/hosts").queryParam("region", host.region()).toUriString();
	}

	private static String url(String id) {
		return UriComponentsBuilder.fromPath("/hosts/{id}").buildAndExpand(id).toUriString();
	}

}
