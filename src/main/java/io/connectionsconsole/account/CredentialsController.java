package io.connectionsconsole.account;

import java.io.Serializable;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.connectionsconsole.crypto.SecretCipher;
import io.connectionsconsole.error.NotFoundException;
import io.connectionsconsole.error.Printable;
import io.connectionsconsole.error.QuotaExceededException;
import io.connectionsconsole.web.Confirmation;
import io.connectionsconsole.web.Flash;

/**
 * The Security credentials page: the signed-in user's API access keys. Any user manages their own keys, as at AWS;
 * what a read-only user's key may do is the API's concern. A new key's secret is shown once, on the page the creation
 * redirects to.
 */
@Controller
class CredentialsController {

	static final String VIEW_LIST = "settings/credentials";

	static final String LIST_URL = "/settings/credentials";

	static final String CREATED_KEY = "createdKey";

	private final AccessKeyService accessKeys;

	private final SecretCipher cipher;

	CredentialsController(AccessKeyService accessKeys, SecretCipher cipher) {
		this.accessKeys = accessKeys;
		this.cipher = cipher;
	}

	@GetMapping(LIST_URL)
	String list(@AuthenticationPrincipal ConsoleUser user, Model model) {
		List<AccessKey> keys = accessKeys.list(user.caller());
		model.addAttribute("keys", keys);
		model.addAttribute("maxKeys", AccessKeyService.MAX_KEYS_PER_USER);
		model.addAttribute("canCreate", keys.size() < AccessKeyService.MAX_KEYS_PER_USER);
		if (model.getAttribute(CREATED_KEY) instanceof CreatedKey created) {
			model.addAttribute("newKey", new NewAccessKey(created.id(), cipher.decrypt(created.sealedSecret())));
		}
		return VIEW_LIST;
	}

	@PostMapping(LIST_URL)
	String create(@AuthenticationPrincipal ConsoleUser user, RedirectAttributes redirect) {
		try {
			NewAccessKey key = accessKeys.create(user.caller());
			redirect.addFlashAttribute(CREATED_KEY, new CreatedKey(key.id(), cipher.encrypt(key.secret())));
			Flash.success(redirect, "flash.accessKey.created", key.id());
		}
		catch (QuotaExceededException ex) {
			Flash.error(redirect, "flash.accessKey.limit", String.valueOf(ex.limit()));
		}
		return "redirect:" + LIST_URL;
	}

	@GetMapping(LIST_URL + "/{id}/delete")
	String confirmDeletion(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
		model.addAttribute("key", ownKey(user, id));
		return "settings/credentials-delete";
	}

	@PostMapping(LIST_URL + "/{id}/delete")
	String delete(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
			@RequestParam(name = "confirm", defaultValue = "") String confirm, RedirectAttributes redirect) {
		AccessKey key = ownKey(user, id);
		if (!Confirmation.typed(confirm, "delete")) {
			Flash.error(redirect, "flash.accessKey.deleteNotConfirmed", key.id());
			return "redirect:" + LIST_URL;
		}
		accessKeys.delete(user.caller(), key.id());
		Flash.success(redirect, "flash.accessKey.deleted", key.id());
		return "redirect:" + LIST_URL;
	}

	/** One of the user's own keys; anyone else's is not found, like a key that never existed. */
	private AccessKey ownKey(ConsoleUser user, String id) {
		return accessKeys.list(user.caller())
			.stream()
			.filter((key) -> key.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Access key '" + Printable.excerpt(id, 64) + "' was not found."));
	}

	/**
	 * The key just created, carried across the redirect in the flash map, which lives in the session: its secret
	 * stays encrypted there and is read back only to be shown.
	 */
	record CreatedKey(String id, String sealedSecret) implements Serializable {

		@Override
		public String toString() {
			return "CreatedKey[" + id + "]";
		}

	}

}
