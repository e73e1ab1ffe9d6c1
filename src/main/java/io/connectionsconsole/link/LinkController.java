package io.connectionsconsole.link;

import java.io.Serializable;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriTemplate;

import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionUrls;
import io.connectionsconsole.crypto.SecretCipher;
import io.connectionsconsole.error.ConsoleException;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.provider.RepoName;
import io.connectionsconsole.region.CurrentRegion;
import io.connectionsconsole.web.Confirmation;
import io.connectionsconsole.web.Flash;

/**
 * Repository links in the console: *Link repository* on an available connection's details page, and a link's page
 * with its clone URL and its access tokens, where administrators create and revoke them. A new token's secret is shown
 * once, on the page the creation redirects to.
 */
@Controller
class LinkController {

	static final String URL = "/links/{id}";

	private static final UriTemplate LINK = new UriTemplate(URL);

	static final String VIEW = "links/link";

	static final String CREATED_TOKEN = "createdToken";

	static final String REFUSED = "linkRefused";

	/** The fields of the forms here, in the service's spelling. */
	private static final Set<String> FIELDS = Set.of("Repository", "Name", "Expiry");

	private final RepositoryLinkService links;

	private final SecretCipher cipher;

	private final CurrentRegion currentRegion;

	private final Clock clock;

	LinkController(RepositoryLinkService links, SecretCipher cipher, CurrentRegion currentRegion, Clock clock) {
		this.clock = clock;
		this.links = links;
		this.cipher = cipher;
		this.currentRegion = currentRegion;
	}

	@PostMapping("/connections/{id}/links")
	String create(@AuthenticationPrincipal ConsoleUser user, @PathVariable ConnectionId id,
			@RequestParam(defaultValue = "") String repository, RedirectAttributes redirect) {
		try {
			RepositoryLink link = links.create(user.caller(), id, RepoName.parse(repository.strip()));
			Flash.success(redirect, "flash.link.created", link.repository().fullName());
			return "redirect:" + LINK.expand(link.id());
		}
		catch (InvalidInputException ex) {
			refused(redirect, ex, Map.of("repository", repository));
			return "redirect:" + ConnectionUrls.details(id);
		}
		catch (ConsoleException ex) {
			Flash.error(redirect, "flash.link.refused", ex.getMessage());
			return "redirect:" + ConnectionUrls.details(id);
		}
	}

	@GetMapping(URL)
	String show(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, HttpServletRequest request,
			Model model) {
		RepositoryLinkService.LinkDetails details = links.details(user.caller(), id);
		model.addAttribute("region", currentRegion.resolve(user, details.connection().region()));
		model.addAttribute("details", details);
		// behind the console's context path, if it has one
		model.addAttribute("cloneUrl", ServletUriComponentsBuilder.fromContextPath(request)
			.path(details.clonePath())
			.replaceQuery(null)
			.toUriString());
		model.addAttribute("now", clock.instant());
		model.addAttribute("maxDays", RepositoryLinkService.MAX_DAYS);
		model.addAttribute("maxTokens", RepositoryLinkService.MAX_LIVE_TOKENS);
		if (model.getAttribute(CREATED_TOKEN) instanceof CreatedToken created) {
			model.addAttribute("newSecret", cipher.decrypt(created.sealedSecret()));
			model.addAttribute("newTokenName", created.name());
		}
		return VIEW;
	}

	@PostMapping(URL + "/tokens")
	String createToken(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
			@ModelAttribute TokenForm form, RedirectAttributes redirect) {
		try {
			NewLinkToken created = links.createToken(user.caller(), id, form.name(),
					RepositoryLinkService.days(form.days()));
			redirect.addFlashAttribute(CREATED_TOKEN,
					new CreatedToken(created.token().name(), cipher.encrypt(created.secret())));
			Flash.success(redirect, "flash.linkToken.created", created.token().name());
		}
		catch (InvalidInputException ex) {
			refused(redirect, ex,
					Map.of("name", Objects.toString(form.name(), ""), "days", Objects.toString(form.days(), "")));
		}
		catch (ConsoleException ex) {
			Flash.error(redirect, "flash.link.refused", ex.getMessage());
		}
		return "redirect:" + LINK.expand(id);
	}

	/**
	 * A refusal that belongs to a field of the form (Repository; a token's Name or Expiry) is shown at that field, with
	 * what was typed back in the form; any other, above the page.
	 */
	private static void refused(RedirectAttributes redirect, InvalidInputException ex, Map<String, String> typed) {
		if (FIELDS.contains(ex.field())) {
			redirect.addFlashAttribute(REFUSED, new Refused(ex.field(), ex.getMessage(), typed));
		}
		else {
			Flash.error(redirect, "flash.link.refused", ex.getMessage());
		}
	}

	/**
	 * Revoke asks first, as it breaks whatever clones with the token: on its own page, or over the link's page as a
	 * modal dialog.
	 */
	@GetMapping(URL + "/tokens/{tokenId}/revoke")
	String confirmRevocation(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
			@PathVariable String tokenId, Model model, RedirectAttributes redirect) {
		user.caller().requireWrite("revoke link tokens");
		RepositoryLinkService.LinkDetails details = links.details(user.caller(), id);
		LinkToken token = details.token(tokenId);
		if (token.revokedAt() != null) {
			// asked from a page shown before the token was revoked (another tab): nothing left to ask
			Flash.info(redirect, "flash.linkToken.revokedAlready", token.name());
			return "redirect:" + LINK.expand(id);
		}
		model.addAttribute("region", currentRegion.resolve(user, details.connection().region()));
		model.addAttribute("details", details);
		model.addAttribute("token", token);
		return "links/revoke";
	}

	@PostMapping(URL + "/tokens/{tokenId}/revoke")
	String revoke(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, @PathVariable String tokenId,
			RedirectAttributes redirect) {
		RepositoryLinkService.Revocation revocation = links.revokeToken(user.caller(), id, tokenId);
		if (revocation.revoked()) {
			Flash.success(redirect, "flash.linkToken.revoked", revocation.token().name());
		}
		else {
			Flash.info(redirect, "flash.linkToken.revokedAlready", revocation.token().name());
		}
		return "redirect:" + LINK.expand(id);
	}

	@PostMapping(URL + "/delete")
	String delete(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
			@RequestParam(name = "confirm", defaultValue = "") String confirm, RedirectAttributes redirect) {
		RepositoryLinkService.LinkDetails details = links.details(user.caller(), id);
		String repository = details.link().repository().fullName();
		if (!Confirmation.typed(confirm, "delete")) {
			Flash.error(redirect, "flash.link.deleteNotConfirmed", repository);
			return "redirect:" + LINK.expand(id);
		}
		links.delete(user.caller(), id);
		Flash.success(redirect, "flash.link.deleted", repository);
		return "redirect:" + ConnectionUrls.details(details.connection().id());
	}

	/**
	 * What *Create token* posts: a name and how many days the token lasts, as typed: the days are read by the service's
	 * rule, so that "3.0" is refused there, in the page.
	 */
	record TokenForm(String name, String days) {
	}

	/** A refusal at a field of the form, and the form's values as typed, carried across the redirect. */
	record Refused(String field, String message, Map<String, String> typed) implements Serializable {

		public String typed(String name) {
			return typed.get(name);
		}

	}

	/**
	 * The token just created, carried across the redirect in the flash map, which lives in the session: its secret stays
	 * encrypted there and is read back only to be shown.
	 */
	record CreatedToken(String name, String sealedSecret) implements Serializable {

		@Override
		public String toString() {
			return "CreatedToken[" + name + "]";
		}

	}

}
