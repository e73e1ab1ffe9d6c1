package io.connectionsconsole.account;

import java.util.Objects;
import java.util.OptionalInt;

import jakarta.validation.Valid;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.web.Flash;

/**
 * Service quotas: the account's connection quota per Region, its default and whether the account has a value of its
 * own. Everyone sees it; administrators give the account its own value or take the default again.
 */
@Controller
class QuotasController {

	static final String VIEW = "settings/quotas";

	static final String URL = "/settings/quotas";

	private final AccountService accounts;

	private final int defaultQuota;

	QuotasController(AccountService accounts, ConsoleProperties properties) {
		this.accounts = accounts;
		this.defaultQuota = properties.quota().connectionsPerRegion();
	}

	@GetMapping(URL)
	String show(@AuthenticationPrincipal ConsoleUser user, Model model) {
		Integer own = own(user);
		model.addAttribute("form", new QuotaForm(own));
		return page(own, model);
	}

	@PostMapping(URL)
	String change(@AuthenticationPrincipal ConsoleUser user, @Valid @ModelAttribute("form") QuotaForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		user.caller().requireWrite("change quotas");
		Integer own = own(user);
		if (result.hasErrors()) {
			return page(own, model);
		}
		Integer value = form.connectionsPerRegion();
		if (Objects.equals(value, own)) {
			Flash.info(redirect, "flash.quota.unchanged", AccountService.CONNECTION_QUOTA);
			return "redirect:" + URL;
		}
		accounts.setConnectionQuota(user.caller(), value);
		Flash.success(redirect, "flash.quota.changed", Integer.toString(value == null ? defaultQuota : value));
		return "redirect:" + URL;
	}

	/** The page, for the account's own value (null where it takes the default). */
	private String page(Integer own, Model model) {
		model.addAttribute("applied", own == null ? defaultQuota : own);
		model.addAttribute("ownValue", own != null);
		model.addAttribute("defaultQuota", defaultQuota);
		model.addAttribute("maxQuota", AccountService.MAX_CONNECTION_QUOTA);
		return VIEW;
	}

	/** The account's own value, or null where it takes the default. */
	private Integer own(ConsoleUser user) {
		OptionalInt own = accounts.connectionQuota(user.caller().accountId());
		return own.isPresent() ? own.getAsInt() : null;
	}

}
