package io.connectionsconsole.provider;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxReswap;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.ConnectionDetails;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.region.CurrentRegion;
import io.connectionsconsole.web.PageNumber;
import io.connectionsconsole.web.TypedFilter;

/**
 * The Repositories section of a connection's details page: the repositories the connection can read, filtered and
 * paged here, and the branches of the one chosen. A browser gets the whole details page; htmx gets the section when
 * it targets the section, only the branches when it targets them, and the page without its layout otherwise (a
 * boosted link). When a read finds the token rejected, htmx gets that page too, since the connection's status changed.
 * Each request takes one page of the user's {@link ProviderPageBudget}; beyond it the section says when to try again,
 * with 429 to a browser (htmx gets it with 200, since it shows no 4xx answer).
 */
@Controller
class RepositoriesController {

	static final String VIEW_DETAILS = "connections/details";

	static final String VIEW_SECTION = "connections/repositories :: repositories";

	static final String VIEW_BRANCHES = "connections/repositories :: branches";

	static final int PAGE_SIZE = 10;

	private static final Comparator<Repo> BY_NAME = Comparator.comparing(Repo::fullName, String.CASE_INSENSITIVE_ORDER);

	/** The htmx target that asks for the branches alone. */
	static final String BRANCHES = "branches";

	/** The htmx target that asks for the section. */
	static final String REPOSITORIES = "repositories";

	private final ConnectionChecks checks;

	private final ProviderPageBudget budget;

	private final ConnectionService connections;

	private final CurrentRegion currentRegion;

	/** The Repositories section of a connection's page. */
	static final String URL = "/connections/{id}/repositories";

	RepositoriesController(ConnectionChecks checks, ProviderPageBudget budget, ConnectionService connections,
			CurrentRegion currentRegion) {
		this.checks = checks;
		this.budget = budget;
		this.connections = connections;
		this.currentRegion = currentRegion;
	}

	@GetMapping(URL)
	String page(@AuthenticationPrincipal ConsoleUser user, @PathVariable ConnectionId id,
			@RequestParam(required = false) String filter, @RequestParam(defaultValue = "1") String page,
			@RequestParam(required = false) String repository, Model model, HttpServletResponse response,
			HtmxRequest htmxRequest, HtmxResponse htmx) {
		Query query = new Query(id, filter, PageNumber.of(page), repository);
		// a repository name that can't be one is refused before anything is spent or asked of the provider
		RepoName chosen = query.repository() == null ? null : RepoName.parse(query.repository());
		boolean inPlace = htmxRequest.isHtmxRequest();
		if (inPlace) {
			htmx.setPushUrl(query.url());
		}
		try {
			budget.take(user.caller());
		}
		catch (TooManyProviderPagesException ex) {
			model.addAttribute("repositories", problemView(null, null, ex.retryAfterSeconds(), query));
			if (inPlace) {
				model.addAttribute("details", connections.details(user.caller(), query.id()));
				if (!REPOSITORIES.equals(htmxRequest.getTarget())) {
					// a repository's branches were asked for: the section says why nothing was read, in place of itself
					htmx.setRetarget("#" + REPOSITORIES);
					htmx.setReswap(HtmxReswap.outerHtml());
				}
				return VIEW_SECTION;
			}
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()));
			showDetails(user, query.id(), model);
			return VIEW_DETAILS;
		}
		String target = inPlace ? htmxRequest.getTarget() : null;
		String part = BRANCHES.equals(target) && chosen != null ? VIEW_BRANCHES
				: REPOSITORIES.equals(target) ? VIEW_SECTION : null;
		boolean tokenRejected = VIEW_BRANCHES.equals(part) ? readBranches(user, query, chosen, model)
				: read(user, query, chosen, model);
		if (part == null || tokenRejected) {
			// The whole page; in place, a read that put the connection in error replaces the page, since its status,
			// reason and actions change too.
			showDetails(user, query.id(), model);
			if (inPlace && tokenRejected) {
				htmx.setRetarget("#main");
				htmx.setReswap(HtmxReswap.innerHtml());
			}
			return VIEW_DETAILS;
		}
		model.addAttribute("details", connections.details(user.caller(), query.id()));
		return part;
	}

	private void showDetails(ConsoleUser user, ConnectionId id, Model model) {
		ConnectionDetails details = connections.details(user.caller(), id);
		model.addAttribute("region", currentRegion.resolve(user, details.connection().region()));
		model.addAttribute("details", details);
		model.addAttribute("selected", details.row());
	}

	/** Reads the repositories, and the chosen one's branches; answers whether the provider rejected the token. */
	private boolean read(ConsoleUser user, Query query, RepoName repository, Model model) {
		RepositoryRead<Repo> read = checks.repositories(user.caller(), query.id());
		model.addAttribute("repositories", repositoriesView(read, query));
		if (read.outcome().rejectsToken()) {
			return true;
		}
		return repository != null && readBranches(user, query, repository, model);
	}

	private boolean readBranches(ConsoleUser user, Query query, RepoName repository, Model model) {
		RepositoryRead<Branch> read = checks.branches(user.caller(), query.id(), repository);
		model.addAttribute("branches", new BranchesView(repository.fullName(), read.outcome(), read.found(),
				read.retryAt(), read.items(), read.truncated()));
		return read.outcome().rejectsToken();
	}

	private static RepositoriesView problemView(CheckOutcome outcome, Instant retryAt, Long throttledFor, Query query) {
		return new RepositoriesView(outcome, retryAt, throttledFor, 0, query.filter(), 0, 1, 1, null, null,
				query.withoutFilter(), false, List.of());
	}

	private static RepositoriesView repositoriesView(RepositoryRead<Repo> read, Query query) {
		if (!read.outcome().ok()) {
			return problemView(read.outcome(), read.retryAt(), null, query);
		}
		String contains = query.filter().toLowerCase(Locale.ROOT);
		List<Repo> matching = read.items()
			.stream()
			.sorted(BY_NAME)
			.filter((r) -> contains.isEmpty() || r.fullName().toLowerCase(Locale.ROOT).contains(contains))
			.toList();
		int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
		int page = Math.min(Math.max(query.page(), 1), pages);
		List<RepositoriesView.Row> rows = matching.subList((page - 1) * PAGE_SIZE, Math.min(matching.size(), page * PAGE_SIZE))
			.stream()
			.map((repo) -> new RepositoriesView.Row(repo, query.withPage(page).withRepository(repo.fullName()).url(),
					repo.fullName().equals(query.repository())))
			.toList();
		return new RepositoriesView(read.outcome(), null, null, read.items().size(), query.filter(), matching.size(),
				page, pages, page > 1 ? query.withPage(page - 1).url() : null,
				page < pages ? query.withPage(page + 1).url() : null, query.withoutFilter(), read.truncated(), rows);
	}

	/** What the section shows: the filter, the page, the repository whose branches are shown. */
	record Query(ConnectionId id, String filter, int page, String repository) {

		Query {
			filter = TypedFilter.of(filter);
			repository = repository == null || repository.isBlank() ? null : repository.trim();
		}

		Query withPage(int page) {
			return new Query(id, filter, page, repository);
		}

		Query withRepository(String repository) {
			return new Query(id, filter, page, repository);
		}

		String withoutFilter() {
			return new Query(id, null, 1, repository).url();
		}

		/** What the user typed goes in as URI variables, encoded strictly ({@code +}, braces). */
		String url() {
			Map<String, Object> values = new HashMap<>();
			values.put("id", id.value());
			UriComponentsBuilder url = UriComponentsBuilder.fromPath(URL);
			if (!filter.isEmpty()) {
				url.queryParam("filter", "{filter}");
				values.put("filter", filter);
			}
			if (page > 1) {
				url.queryParam("page", page);
			}
			if (repository != null) {
				url.queryParam("repository", "{repository}");
				values.put("repository", repository);
			}
			return url.encode().buildAndExpand(values).toUriString();
		}

	}

}
