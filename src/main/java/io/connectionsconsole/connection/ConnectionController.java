package io.connectionsconsole.connection;

import java.util.List;
import java.util.Map;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

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
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.FragmentsRendering;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.QuotaExceededException;
import io.connectionsconsole.region.CurrentRegion;
import io.connectionsconsole.region.Region;
import io.connectionsconsole.web.Flash;

/**
 * The Connected accounts page: list, add and delete connections of one region, and each connection's details page.
 * Each URL answers a browser with the whole page, and htmx with the part of the same template that changes.
 */
@Controller
class ConnectionController {

	static final String VIEW_LIST = "connections/list";

	static final String VIEW_FORM = "connections/new";

	static final String VIEW_DELETE = "connections/delete";

	static final String VIEW_DETAILS = "connections/details";

	/** The part of a page that htmx swaps into {@code <main>}. */
	static final String PAGE = " :: page";

	static final String VIEW_PREFERENCES = "connections/preferences";

	/** The form around the table, whose radio buttons choose a row. */
	static final String SELECTION = "selection";

	/** Where each input rule of the service shows up on the form. */
	private static final Map<String, String> FORM_FIELDS = Map.of("ConnectionName", "name", "ProviderType",
			"providerType", "Tags", "tags");

	private final ConnectionService connections;

	private final ListPreferencesService preferences;

	private final ConnectionRows connectionRows;

	private final ConnectionDetailsViews detailsViews;

	private final CurrentRegion currentRegion;

	ConnectionController(ConnectionService connections, ListPreferencesService preferences,
			ConnectionRows connectionRows, ConnectionDetailsViews detailsViews, CurrentRegion currentRegion) {
		this.connections = connections;
		this.preferences = preferences;
		this.connectionRows = connectionRows;
		this.detailsViews = detailsViews;
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
			@RequestParam(name = "selected", required = false) String selected, Model model) {
		showList(user, region, filter, page, selected, model);
		return VIEW_LIST;
	}

	/**
	 * In place: paging and filtering answer the page without its layout; a row chosen in the table answers only the
	 * table and the Actions menu. The address bar shows the URL of the whole page.
	 */
	@HxRequest
	@GetMapping("/connections")
	View listInPlace(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String region,
			@RequestParam(name = "filter", required = false) String filter,
			@RequestParam(name = "page", defaultValue = "1") String page,
			@RequestParam(name = "selected", required = false) String selected, Model model, HtmxRequest htmxRequest,
			HtmxResponse htmx) {
		htmx.setPushUrl(showList(user, region, filter, page, selected, model));
		if (SELECTION.equals(htmxRequest.getTriggerId())) {
			model.addAttribute("oob", true);
			return FragmentsRendering.fragment("connections/table :: selection")
				.fragment("connections/actions :: menu")
				.build();
		}
		return FragmentsRendering.fragment(VIEW_LIST + PAGE).build();
	}

	/** Puts one page of the region's connections in the model; answers the URL that shows it. */
	private String showList(ConsoleUser user, String region, String filter, String page, String selected,
			Model model) {
		Region current = currentRegion.resolve(user, region);
		ConnectionPage shown = connections.page(user.caller(), current, filter, pageNumber(page));
		List<ConnectionRow> rows = connectionRows.of(shown.rows(), selected);
		ConnectionRow selection = rows.stream().filter(ConnectionRow::selected).findFirst().orElse(null);
		String trimmed = filter == null ? "" : filter.trim();
		model.addAttribute("region", current);
		model.addAttribute("rows", rows);
		model.addAttribute("selected", selection);
		model.addAttribute("selectable", user.role().canWrite());
		model.addAttribute("filter", trimmed);
		model.addAttribute("filtered", !trimmed.isEmpty());
		model.addAttribute("matches", shown.matches());
		model.addAttribute("page", shown.page());
		model.addAttribute("pages", shown.pages());
		model.addAttribute("usage", shown.usage());
		model.addAttribute("columns", shown.preferences());
		return listUrl(current, filter, shown.page(), selection == null ? null : selection.id());
	}

	/** Preferences of the table: page size and visible columns, kept per user. */
	@GetMapping("/connections/preferences")
	String preferences(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String region,
			@RequestParam(name = "filter", required = false) String filter, Model model) {
		showPreferences(user, region, filter, false, model);
		return VIEW_PREFERENCES;
	}

	/** htmx shows the preferences as a modal dialog over the list, from script. */
	@HxRequest
	@GetMapping("/connections/preferences")
	String preferencesDialog(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String region,
			@RequestParam(name = "filter", required = false) String filter, Model model) {
		showPreferences(user, region, filter, true, model);
		return VIEW_PREFERENCES + " :: dialog";
	}

	private void showPreferences(ConsoleUser user, String region, String filter, boolean modal, Model model) {
		String trimmed = filter == null ? "" : filter.trim();
		model.addAttribute("region", currentRegion.resolve(user, region));
		model.addAttribute("preferences", preferences.of(user.caller()));
		model.addAttribute("pageSizes", ListPreferences.PAGE_SIZES);
		model.addAttribute("filter", trimmed.isEmpty() ? null : trimmed);
		model.addAttribute("modal", modal);
	}

	@PostMapping("/connections/preferences")
	String savePreferences(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String region,
			@RequestParam(name = "filter", required = false) String filter,
			@RequestParam(name = "pageSize", defaultValue = "") String pageSize,
			@RequestParam(name = "columns", required = false) List<String> columns) {
		Region current = currentRegion.resolve(user, region);
		int size;
		try {
			size = Integer.parseInt(pageSize.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("PageSize", "Choose 10, 30 or 50 connections a page.");
		}
		preferences.save(user.caller(), ListPreferences.of(size, columns == null ? List.of() : columns));
		return "redirect:" + listUrl(current, filter, 1);
	}

	@GetMapping("/connections/new")
	String initCreationForm(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String region,
			Model model) {
		showForm(user, currentRegion.resolve(user, region), new ConnectionForm(), model);
		return VIEW_FORM;
	}

	@HxRequest
	@GetMapping("/connections/new")
	String initCreationFormPage(@AuthenticationPrincipal ConsoleUser user,
			@RequestParam(required = false) String region, Model model, HtmxResponse htmx) {
		Region current = currentRegion.resolve(user, region);
		showForm(user, current, new ConnectionForm(), model);
		htmx.setPushUrl(UriComponentsBuilder.fromPath("/connections/new")
			.queryParam("region", current.code())
			.encode()
			.build()
			.toUriString());
		return VIEW_FORM + PAGE;
	}

	@PostMapping("/connections")
	String processCreationForm(@AuthenticationPrincipal ConsoleUser user, @RequestParam String region,
			@ModelAttribute("form") ConnectionForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		String created = create(user, region, form, result, model, redirect);
		return created != null ? created : VIEW_FORM;
	}

	@HxRequest
	@PostMapping("/connections")
	String processCreationFormPage(@AuthenticationPrincipal ConsoleUser user, @RequestParam String region,
			@ModelAttribute("form") ConnectionForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		String created = create(user, region, form, result, model, redirect);
		return created != null ? created : VIEW_FORM + PAGE;
	}

	/**
	 * Creates the connection the form describes and answers the redirect to its list; or puts the form back in the
	 * model with every broken rule, and answers null.
	 */
	private String create(ConsoleUser user, String region, ConnectionForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
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
		showForm(user, current, form, model);
		return null;
	}

	private void showForm(ConsoleUser user, Region region, ConnectionForm form, Model model) {
		user.caller().requireWrite("create connections");
		model.addAttribute("region", region);
		model.addAttribute("form", form);
		model.addAttribute("providers", ProviderType.values());
		model.addAttribute("usage", connections.usage(user.caller(), region));
	}

	/** The details page: settings, provider account, tags, repositories (on demand) and health history. */
	@GetMapping("/connections/{id}")
	String details(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
		showDetails(user, id, model);
		return VIEW_DETAILS;
	}

	@HxRequest
	@GetMapping("/connections/{id}")
	String detailsInPlace(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model,
			HtmxResponse htmx) {
		showDetails(user, id, model);
		htmx.setPushUrl(detailsUrl(id));
		return VIEW_DETAILS + PAGE;
	}

	private void showDetails(ConsoleUser user, String id, Model model) {
		ConnectionDetailsView details = detailsViews.details(user.caller(), ConnectionId.of(id));
		model.addAttribute("region", currentRegion.resolve(user, details.region()));
		model.addAttribute("details", details);
		model.addAttribute("selected", details.row());
	}

	@GetMapping("/connections/{id}/delete")
	String confirmDeletion(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
		showDeletion(user, id, false, model);
		return VIEW_DELETE;
	}

	/** htmx shows the confirmation as a modal dialog over the list, from script. */
	@HxRequest
	@GetMapping("/connections/{id}/delete")
	String confirmDeletionDialog(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
		showDeletion(user, id, true, model);
		return VIEW_DELETE + " :: dialog";
	}

	private void showDeletion(ConsoleUser user, String id, boolean modal, Model model) {
		user.caller().requireWrite("delete connections");
		Connection connection = connections.get(user.caller(), ConnectionId.of(id));
		model.addAttribute("region", currentRegion.resolve(user, connection.region()));
		model.addAttribute("connection", connection);
		model.addAttribute("modal", modal);
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

	static String detailsUrl(String id) {
		return UriComponentsBuilder.fromPath("/connections/{id}").buildAndExpand(id).encode().toUriString();
	}

	static String listUrl(Region region, String filter, int page) {
		return listUrl(region, filter, page, null);
	}

	static String listUrl(Region region, String filter, int page, String selected) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/connections").queryParam("region", region.code());
		if (filter != null && !filter.isBlank()) {
			url.queryParam("filter", filter);
		}
		if (page > 1) {
			url.queryParam("page", page);
		}
		if (selected != null) {
			url.queryParam("selected", selected);
		}
		return url.encode().build().toUriString();
	}

}
