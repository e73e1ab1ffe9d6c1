package io.connectionsconsole.connection;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.QuotaExceededException;
import io.connectionsconsole.region.Region;
import io.connectionsconsole.web.CurrentRegion;
import io.connectionsconsole.web.Flash;
import io.connectionsconsole.web.Htmx;

/** The Connected accounts page: list, add and delete connections of one region. */
@Controller
class ConnectionController {

	static final String VIEW_LIST = "connections/list";

	static final String VIEW_FORM = "connections/new";

	static final String VIEW_DELETE = "connections/delete";

	static final int PAGE_SIZE = 10;

	/** Where each input rule of the service shows up on the form. */
	private static final Map<String, String> FORM_FIELDS = Map.of("ConnectionName", "name", "ProviderType",
			"providerType", "Tags", "tags");

	private final ConnectionService connections;

	private final CurrentRegion currentRegion;

	ConnectionController(ConnectionService connections, CurrentRegion currentRegion) {
		this.connections = connections;
		this.currentRegion = currentRegion;
	}

	@InitBinder("form")
	void setAllowedFields(WebDataBinder dataBinder) {
		dataBinder.setAllowedFields("name", "providerType", "tags");
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal ConsoleUser user) {
		return "redirect:" + listUrl(currentRegion.resolve(user, null), null, 1);
	}

	@GetMapping("/connections")
	String list(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String region,
			@RequestParam(name = "filter", required = false) String filter,
			@RequestParam(name = "page", defaultValue = "1") String page,
			@RequestParam(name = "selected", required = false) String selected, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		Region current = currentRegion.resolve(user, region);
		ConnectionPage shown = connections.page(user.caller(), current, filter, pageNumber(page), PAGE_SIZE);
		List<Connection> rows = shown.rows();
		Connection selection = rows.stream().filter((c) -> c.id().value().equals(selected)).findFirst().orElse(null);
		model.addAttribute("region", current);
		model.addAttribute("connections", rows);
		model.addAttribute("selected", selection);
		model.addAttribute("filter", filter == null ? "" : filter.trim());
		model.addAttribute("matches", shown.matches());
		model.addAttribute("page", shown.page());
		model.addAttribute("pages", shown.pages());
		model.addAttribute("usage", shown.usage());
		Htmx.pushUrl(request, response, listUrl(current, filter, shown.page(), selection == null ? null : selection.id()));
		return Htmx.view(request, VIEW_LIST, "page");
	}

	@GetMapping("/connections/new")
	String initCreationForm(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String region,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		Region current = currentRegion.resolve(user, region);
		user.caller().requireWrite("create connections");
		model.addAttribute("region", current);
		model.addAttribute("form", new ConnectionForm());
		model.addAttribute("providers", ProviderType.values());
		model.addAttribute("usage", connections.usage(user.caller(), current));
		Htmx.pushUrl(request, response, "/connections/new?region=" + current.code());
		return Htmx.view(request, VIEW_FORM, "page");
	}

	@PostMapping("/connections")
	String processCreationForm(@AuthenticationPrincipal ConsoleUser user, @RequestParam String region,
			@ModelAttribute("form") ConnectionForm form, BindingResult result, Model model,
			RedirectAttributes redirect, HttpServletRequest request) {
		Region current = currentRegion.resolve(user, region);
		ConnectionName name = nameOrReject(form, result);
		ProviderType providerType = providerOrReject(form, result);
		Tags tags = tagsOrReject(form, result);
		if (!result.hasErrors()) {
			try {
				Connection created = connections.create(user.caller(), current, name, providerType, tags);
				Flash.success(redirect, "flash.connection.created", created.name().value());
				redirect.addFlashAttribute("createdId", created.id().value());
				return "redirect:" + listUrl(current, null, 1);
			}
			catch (InvalidInputException ex) {
				result.rejectValue(FORM_FIELDS.getOrDefault(ex.field(), "name"), "invalid", ex.getMessage());
			}
			catch (QuotaExceededException ex) {
				result.reject("quota", ex.getMessage());
			}
		}
		model.addAttribute("region", current);
		model.addAttribute("providers", ProviderType.values());
		model.addAttribute("usage", connections.usage(user.caller(), current));
		return Htmx.view(request, VIEW_FORM, "page");
	}

	@GetMapping("/connections/{id}/delete")
	String confirmDeletion(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model,
			HttpServletRequest request) {
		user.caller().requireWrite("delete connections");
		Connection connection = connections.get(user.caller(), ConnectionId.of(id));
		model.addAttribute("region", currentRegion.resolve(user, connection.region()));
		model.addAttribute("connection", connection);
		// htmx shows the dialog as a modal from script; the full page shows it open in the page.
		model.addAttribute("modal", Htmx.isRequest(request));
		return Htmx.view(request, VIEW_DELETE, "dialog");
	}

	@PostMapping("/connections/{id}/delete")
	String delete(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
			@RequestParam(name = "confirm", defaultValue = "") String confirm, RedirectAttributes redirect) {
		boolean confirmed = "delete".equals(confirm.trim());
		// The service answers the deleted connection itself, so a confirmed delete reads it only once.
		Connection connection = confirmed ? connections.delete(user.caller(), ConnectionId.of(id))
				: connections.get(user.caller(), ConnectionId.of(id));
		Region region = currentRegion.resolve(user, connection.region());
		if (confirmed) {
			Flash.success(redirect, "flash.connection.deleted", connection.name().value());
		}
		else {
			Flash.error(redirect, "flash.connection.deleteNotConfirmed", connection.name().value());
		}
		return "redirect:" + listUrl(region, null, 1);
	}

	/** Each field is parsed on its own so that the form can show every broken rule at once. */
	private static ConnectionName nameOrReject(ConnectionForm form, BindingResult result) {
		try {
			return ConnectionName.of(form.getName());
		}
		catch (InvalidInputException ex) {
			result.rejectValue("name", "invalid", ex.getMessage());
			return null;
		}
	}

	private static ProviderType providerOrReject(ConnectionForm form, BindingResult result) {
		try {
			return ProviderType.parse(form.getProviderType());
		}
		catch (InvalidInputException ex) {
			result.rejectValue("providerType", "invalid", "Choose a provider.");
			return null;
		}
	}

	private static Tags tagsOrReject(ConnectionForm form, BindingResult result) {
		try {
			return form.parsedTags();
		}
		catch (InvalidInputException ex) {
			result.rejectValue("tags", "invalid", ex.getMessage());
			return null;
		}
	}

	/**
	 * The page asked for; a page that is not a number is the first, as a page past the last is the last. A link
	 * changed by hand gets a page rather than an error.
	 */
	private static int pageNumber(String page) {
		try {
			return Integer.parseInt(page.strip());
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

	static String listUrl(Region region, String filter, int page) {
		return listUrl(region, filter, page, null);
	}

	static String listUrl(Region region, String filter, int page, ConnectionId selected) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/connections").queryParam("region", region.code());
		if (filter != null && !filter.isBlank()) {
			url.queryParam("filter", filter);
		}
		if (page > 1) {
			url.queryParam("page", page);
		}
		if (selected != null) {
			url.queryParam("selected", selected.value());
		}
		return url.encode().build().toUriString();
	}

}
