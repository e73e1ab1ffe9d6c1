package io.connectionsconsole.connection;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;

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
import org.springframework.web.util.UriTemplate;

import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.QuotaExceededException;
import io.connectionsconsole.host.HostService;
import io.connectionsconsole.host.HostStatus;
import io.connectionsconsole.region.CurrentRegion;
import io.connectionsconsole.region.Region;
import io.connectionsconsole.web.Confirmation;
import io.connectionsconsole.web.Flash;
import io.connectionsconsole.web.FormErrors;
import io.connectionsconsole.web.PageNumber;
import io.connectionsconsole.web.TypedFilter;

/**
 * The Connected accounts page: list, add and delete connections of one region, and each connection's details page.
 * Each URL answers a browser with the whole page, and htmx with the part of the same template that changes.
 */
@Controller
class ConnectionController {

	static final String VIEW_LIST = "connections/list";

	static final String VIEW_FORM = "connections/new";

	/** The controls that change the list in place without making it another page: the filter and the row's choice. */
	private static final Set<String> LIST_STATE_TRIGGERS = Set.of("filter", "selection");

	private static final UriTemplate NEW_URL = new UriTemplate("/connections/new?region={region}");

	private final ConnectionService connections;

	private final ListPreferencesService preferences;

	private final CurrentRegion currentRegion;

	private final HostService hosts;

	private final ProviderSetup providerSetup;

	ConnectionController(ConnectionService connections, ListPreferencesService preferences,
			CurrentRegion currentRegion, HostService hosts, ProviderSetup providerSetup) {
		this.hosts = hosts;
		this.providerSetup = providerSetup;
		this.connections = connections;
		this.preferences = preferences;
		this.currentRegion = currentRegion;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal ConsoleUser user) {
		return "redirect:" + ConnectionUrls.list(currentRegion.resolve(user, null).code());
	}

	/**
	 * The Region's connections. In place, the address bar shows the URL of the page shown (its Region, page and
	 * selection), and a row chosen in the table answers only the table and the Actions menu, out of band.
	 */
	@GetMapping("/connections")
	String list(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String region,
			@RequestParam(name = "filter", required = false) String filter,
			@RequestParam(name = "page", defaultValue = "1") String page,
			@RequestParam(name = "selected", required = false) String selected, Model model, HtmxRequest htmxRequest,
			HtmxResponse htmx) {
		String url = showList(user, region, filter, page, selected, model);
		String trigger = htmxRequest.getTriggerId();
		if (htmxRequest.isHtmxRequest() && trigger != null && LIST_STATE_TRIGGERS.contains(trigger)) {
			// each key typed in the filter, each row chosen: the same list, not a page of its own to go back to
			htmx.setReplaceUrl(url);
		}
		else if (htmxRequest.isHtmxRequest()) {
			htmx.setPushUrl(url);
		}
		// A row chosen in place (by the radio buttons of the form "selection" around the table) answers the table,
		// and the Actions menu out of band.
		if ("selection".equals(htmxRequest.getTriggerId())) {
			model.addAttribute("oob", true);
			return "connections/table :: chosen";
		}
		return VIEW_LIST;
	}

	/** Puts one page of the region's connections in the model; answers the URL that shows it. */
	private String showList(ConsoleUser user, String region, String filter, String page, String selected,
			Model model) {
		Region current = currentRegion.resolve(user, region);
		String trimmed = typed(filter);
		ConnectionPage shown = connections.page(user.caller(), current, trimmed, PageNumber.of(page));
		List<ConnectionRow> rows = shown.rows()
			.stream()
			.map((connection) -> new ConnectionRow(connection, connection.id().value().equals(selected)))
			.toList();
		ConnectionRow selection = rows.stream().filter(ConnectionRow::selected).findFirst().orElse(null);
		model.addAttribute("region", current);
		model.addAttribute("rows", rows);
		model.addAttribute("selected", selection);
		model.addAttribute("deleteUrl", selection == null ? null : deleteUrl(selection.id(), trimmed, shown.page()));
		model.addAttribute("selectable", user.role().canWrite());
		model.addAttribute("filter", trimmed);
		model.addAttribute("filtered", !trimmed.isEmpty());
		model.addAttribute("matches", shown.matches());
		model.addAttribute("page", shown.page());
		model.addAttribute("pages", shown.pages());
		model.addAttribute("usage", shown.usage());
		model.addAttribute("columns", shown.preferences());
		return listUrl(current, trimmed, shown.page(), selection == null ? null : selection.id());
	}

	/** Preferences of the table: page size and visible columns, kept per user; over the list, a modal dialog. */
	@GetMapping("/connections/preferences")
	String preferences(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String region,
			@RequestParam(name = "filter", required = false) String filter, Model model) {
		String trimmed = typed(filter);
		model.addAttribute("region", currentRegion.resolve(user, region));
		model.addAttribute("preferences", preferences.of(user.caller()));
		model.addAttribute("pageSizes", ListPreferences.PAGE_SIZES);
		model.addAttribute("filter", trimmed.isEmpty() ? null : trimmed);
		return "connections/preferences";
	}

	@PostMapping("/connections/preferences")
	String savePreferences(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String region,
			@RequestParam(name = "filter", required = false) String filter,
			@RequestParam(name = "pageSize", required = false) Integer pageSize,
			@RequestParam(name = "columns", required = false) List<String> columns) {
		Region current = currentRegion.resolve(user, region);
		preferences.save(user.caller(), ListPreferences.of(pageSize, columns == null ? List.of() : columns));
		return "redirect:" + listUrl(current, typed(filter), 1, null);
	}

	private static String typed(String filter) {
		return TypedFilter.of(filter);
	}

	@GetMapping("/connections/new")
	String initCreationForm(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String region,
			Model model, HtmxRequest htmxRequest, HtmxResponse htmx) {
		Region current = currentRegion.resolve(user, region);
		showForm(user, current, model);
		model.addAttribute("form", ConnectionForm.EMPTY);
		if (htmxRequest.isHtmxRequest()) {
			htmx.setPushUrl(NEW_URL.expand(current.code()).toString());
		}
		return VIEW_FORM;
	}

	/**
	 * Creates the connection the form describes and redirects to its list; or shows the form again with every broken
	 * rule at its field, and a refused quota above them.
	 */
	@PostMapping("/connections")
	String processCreationForm(@AuthenticationPrincipal ConsoleUser user, @RequestParam String region,
			@Validated @ModelAttribute("form") ConnectionForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		// refused before its input is looked at, as the form itself is
		user.caller().requireWrite("create connections");
		Region current = currentRegion.resolve(user, region);
		if (!result.hasErrors()) {
			try {
				Connection created = form.hostId() != null
						? connections.createThroughHost(user.caller(), current, ConnectionName.of(form.name()),
								form.hostId(), form.parsedTags())
						: connections.create(user.caller(), current, ConnectionName.of(form.name()), form.type(),
								form.parsedTags());
				Flash.success(redirect, "flash.connection.created", created.name().value());
				redirect.addFlashAttribute("createdId", created.id().value());
				return "redirect:" + ConnectionUrls.list(current.code());
			}
			catch (DuplicateConnectionNameException ex) {
				result.rejectValue("name", "invalid", ex.getMessage());
			}
			catch (InvalidInputException ex) {
				FormErrors.reject(result, ex);
			}
			catch (QuotaExceededException ex) {
				result.reject("quota", ex.getMessage());
			}
		}
		// the form again, in place at the address it was shown at, without a new entry in the history (InPlacePages)
		showForm(user, current, model);
		return VIEW_FORM;
	}

	private void showForm(ConsoleUser user, Region region, Model model) {
		user.caller().requireWrite("create connections");
		model.addAttribute("region", region);
		model.addAttribute("providers", ProviderType.values());
		model.addAttribute("notSetUp", Arrays.stream(ProviderType.values())
			.filter((provider) -> !providerSetup.canCompleteHandshakes(provider))
			.toList());
		model.addAttribute("hosts", hosts.list(user.caller(), region).stream()
			.filter((host) -> host.status() == HostStatus.AVAILABLE)
			.toList());
		model.addAttribute("usage", connections.usage(user.caller(), region));
	}

	/** The details page: settings, provider account, tags, repositories (on demand) and health history. */
	@GetMapping("/connections/{id}")
	String details(@AuthenticationPrincipal ConsoleUser user, @PathVariable ConnectionId id, Model model,
			HtmxRequest htmxRequest, HtmxResponse htmx) {
		ConnectionDetails details = connections.details(user.caller(), id);
		model.addAttribute("region", currentRegion.resolve(user, details.connection().region()));
		model.addAttribute("details", details);
		model.addAttribute("selected", details.row());
		model.addAttribute("deleteUrl", deleteUrl(details.row().id(), "", 1));
		if (htmxRequest.isHtmxRequest()) {
			htmx.setPushUrl(ConnectionUrls.details(id));
		}
		return "connections/details";
	}

	/**
	 * Delete asks for the word "delete": on its own page, or over the list as a modal dialog. Asked from the list, it
	 * keeps the list's filter and page, and goes back to them, cancelled or done.
	 */
	@GetMapping("/connections/{id}/delete")
	String confirmDeletion(@AuthenticationPrincipal ConsoleUser user, @PathVariable ConnectionId id,
			@RequestParam(name = "filter", required = false) String filter,
			@RequestParam(name = "page", defaultValue = "1") String page, Model model) {
		user.caller().requireWrite("delete connections");
		Connection connection = connections.get(user.caller(), id);
		List<ConnectionUses.Uses> uses = inUse(user, id);
		Region region = currentRegion.resolve(user, connection.region());
		model.addAttribute("region", region);
		model.addAttribute("connection", connection);
		model.addAttribute("uses", uses);
		model.addAttribute("usesCount", uses.stream().mapToInt(ConnectionUses.Uses::count).sum());
		model.addAttribute("filter", typed(filter));
		model.addAttribute("page", PageNumber.of(page));
		model.addAttribute("cancelUrl", listUrl(region, typed(filter), PageNumber.of(page), id.value()));
		return "connections/delete";
	}

	@PostMapping("/connections/{id}/delete")
	String delete(@AuthenticationPrincipal ConsoleUser user, @PathVariable ConnectionId id,
			@RequestParam(name = "confirm", defaultValue = "") String confirm,
			@RequestParam(name = "filter", required = false) String filter,
			@RequestParam(name = "page", defaultValue = "1") String page, RedirectAttributes redirect) {
		user.caller().requireWrite("delete connections");
		Connection connection = connections.get(user.caller(), id);
		String name = connection.name().value();
		// A connection that something uses is deleted with its uses only when its name is typed, a stronger
		// confirmation than the word "delete".
		if (!inUse(user, id).isEmpty()) {
			if (Confirmation.typed(confirm, name)) {
				connections.deleteWithUses(user.caller(), id);
				Flash.success(redirect, "flash.connection.deletedWithUses", name);
			}
			else {
				Flash.error(redirect, "flash.connection.deleteNotConfirmedName", name);
			}
		}
		else if (Confirmation.typed(confirm, "delete")) {
			connections.delete(user.caller(), id);
			Flash.success(redirect, "flash.connection.deleted", name);
		}
		else {
			Flash.error(redirect, "flash.connection.deleteNotConfirmed", name);
		}
		return "redirect:" + listUrl(currentRegion.resolve(user, connection.region()), typed(filter), PageNumber.of(page),
				null);
	}

	/** What uses the connection, kind by kind, leaving out the kinds with no use of it. */
	private List<ConnectionUses.Uses> inUse(ConsoleUser user, ConnectionId id) {
		return connections.uses(user.caller(), id).stream().filter((uses) -> uses.count() > 0).toList();
	}

	/** Delete's URL, with the filter and page of the list it is asked from, to come back to. */
	static String deleteUrl(String id, String filter, int page) {
		Map<String, Object> values = new HashMap<>();
		values.put("id", id);
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/connections/{id}/delete");
		listState(url, values, filter, page);
		return url.encode().buildAndExpand(values).toUriString();
	}

	/** The list's URL. */
	static String listUrl(Region region, String filter, int page, String selected) {
		Map<String, Object> values = new HashMap<>();
		values.put("region", region.code());
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/connections").queryParam("region", "{region}");
		listState(url, values, filter, page);
		if (selected != null) {
			url.queryParam("selected", "{selected}");
			values.put("selected", selected);
		}
		return url.encode().buildAndExpand(values).toUriString();
	}

	/**
	 * The list's filter and page as a URL's query: what the user typed goes in as a URI variable, encoded strictly
	 * ({@code +}, braces).
	 */
	private static void listState(UriComponentsBuilder url, Map<String, Object> values, String filter, int page) {
		if (filter != null && !filter.isBlank()) {
			url.queryParam("filter", "{filter}");
			values.put("filter", filter);
		}
		if (page > 1) {
			url.queryParam("page", page);
		}
	}

}
