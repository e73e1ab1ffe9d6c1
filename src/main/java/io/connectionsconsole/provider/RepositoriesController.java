package io.connectionsconsole.provider;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxReswap;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionDetailsView;
import io.connectionsconsole.connection.ConnectionDetailsViews;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.region.CurrentRegion;

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

	/** The htmx target that asks for the branches alone. */
	static final String BRANCHES = "branches";

	/** The htmx target that asks for the section. */
	static final String REPOSITORIES = "repositories";

	private final RepositoryBrowser browser;

	private final ProviderPageBudget budget;

	private final ConnectionDetailsViews detailsViews;

	private final CurrentRegion currentRegion;

	private final MessageSource messages;

	private final DateTimeFormatter timeFormat;

	RepositoriesController(RepositoryBrowser browser, ProviderPageBudget budget, ConnectionDetailsViews detailsViews,
			CurrentRegion currentRegion, MessageSource messages, DateTimeFormatter timeFormat) {
		this.browser = browser;
		this.budget = budget;
		this.detailsViews = detailsViews;
		this.currentRegion = currentRegion;
		this.messages = messages;
		this.timeFormat = timeFormat;
	}

	@GetMapping("/connections/{id}/repositories")
	String page(@AuthenticationPrincipal ConsoleUser user, @PathVariable ConnectionId id,
			@RequestParam(required = false) String filter, @RequestParam(defaultValue = "1") int page,
			@RequestParam(required = false) String repository, Model model, HttpServletResponse response,
			HtmxRequest htmxRequest, HtmxResponse htmx) {
		Query query = new Query(id, filter, page, repository);
		boolean inPlace = htmxRequest.isHtmxRequest();
		if (inPlace) {
			htmx.setPushUrl(query.url());
		}
		try {
			budget.take(user.caller());
		}
		catch (TooManyProviderPagesException ex) {
			throttled(ex, query, model);
			if (inPlace) {
				model.addAttribute("details", detailsViews.details(user.caller(), query.id()));
				return VIEW_SECTION;
			}
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()));
			showDetails(user, query.id(), model);
			return VIEW_DETAILS;
		}
		String target = inPlace ? htmxRequest.getTarget() : null;
		String part = BRANCHES.equals(target) && repository != null ? VIEW_BRANCHES
				: REPOSITORIES.equals(target) ? VIEW_SECTION : null;
		boolean tokenRejected = VIEW_BRANCHES.equals(part) ? readBranches(user, query, model)
				: read(user, query, model);
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
		model.addAttribute("details", detailsViews.details(user.caller(), query.id()));
		return part;
	}

	private void showDetails(ConsoleUser user, ConnectionId id, Model model) {
		ConnectionDetailsView details = detailsViews.details(user.caller(), id);
		model.addAttribute("region", currentRegion.resolve(user, details.region()));
		model.addAttribute("details", details);
		model.addAttribute("selected", details.row());
	}

	/** Reads the repositories, and the chosen one's branches; answers whether the provider rejected the token. */
	private boolean read(ConsoleUser user, Query query, Model model) {
		RepositoryRead<Repo> read = browser.repositories(user.caller(), query.id());
		Locale locale = LocaleContextHolder.getLocale();
		model.addAttribute("repositories", repositoriesView(read, query, locale));
		if (read.outcome().rejectsToken()) {
			return true;
		}
		return query.repository() != null && readBranches(user, query, model);
	}

	private boolean readBranches(ConsoleUser user, Query query, Model model) {
		RepoName repository = RepoName.parse(query.repository());
		RepositoryRead<Branch> read = browser.branches(user.caller(), query.id(), repository);
		Locale locale = LocaleContextHolder.getLocale();
		String problem = read.outcome().ok() && !read.found()
				? messages.getMessage("repositories.branches.notFound",
						new Object[] { repository.fullName(), provider(read.connection()) }, locale)
				: problem(read, locale);
		List<BranchesView.Row> rows = new ArrayList<>(read.items().size());
		for (Branch branch : read.items()) {
			String commit = branch.commit();
			rows.add(new BranchesView.Row(branch.name(),
					commit == null ? null : commit.substring(0, Math.min(commit.length(), 7))));
		}
		model.addAttribute("branches", new BranchesView(repository.fullName(), problem, rows, read.truncated()));
		return read.outcome().rejectsToken();
	}

	private void throttled(TooManyProviderPagesException ex, Query query, Model model) {
		model.addAttribute("repositories", problemView(messages.getMessage("repositories.throttled",
				new Object[] { ex.retryAfterSeconds() }, LocaleContextHolder.getLocale()), query));
	}

	private static RepositoriesView problemView(String problem, Query query) {
		return new RepositoriesView(problem, false, 0, query.filter(), query.filtered(), 0, null, 1, 1, null, null, null,
				query.withoutFilter(), false, List.of());
	}

	private RepositoriesView repositoriesView(RepositoryRead<Repo> read, Query query, Locale locale) {
		String problem = problem(read, locale);
		if (problem != null) {
			return problemView(problem, query);
		}
		String contains = query.filter().toLowerCase(Locale.ROOT);
		List<Repo> matching = read.items()
			.stream()
			.filter((r) -> contains.isEmpty() || r.fullName().toLowerCase(Locale.ROOT).contains(contains))
			.toList();
		int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
		int page = Math.min(Math.max(query.page(), 1), pages);
		String privateText = messages.getMessage("repositories.private", null, locale);
		String publicText = messages.getMessage("repositories.public", null, locale);
		List<RepositoriesView.Row> rows = new ArrayList<>(PAGE_SIZE);
		for (Repo repo : matching.subList((page - 1) * PAGE_SIZE, Math.min(matching.size(), page * PAGE_SIZE))) {
			rows.add(new RepositoriesView.Row(repo.fullName(), repo.privateRepo() ? privateText : publicText,
					repo.defaultBranch(), repo.url(), repo.updatedAt() == null ? null : repo.updatedAt().toString(),
					repo.updatedAt() == null ? null : timeFormat.format(repo.updatedAt()),
					query.withPage(page).withRepository(repo.fullName()).url(),
					messages.getMessage("repositories.branches.show", new Object[] { repo.fullName() }, locale),
					repo.fullName().equals(query.repository())));
		}
		return new RepositoriesView(null, true, read.items().size(), query.filter(), query.filtered(),
				matching.size(), messages.getMessage("repositories.matches", new Object[] { matching.size() }, locale),
				page, pages, messages.getMessage("repositories.page", new Object[] { page, pages }, locale),
				page > 1 ? query.withPage(page - 1).url() : null, page < pages ? query.withPage(page + 1).url() : null,
				query.withoutFilter(), read.truncated(), rows);
	}

	/** What the page says when a read could not list anything; null when it could. */
	private String problem(RepositoryRead<?> read, Locale locale) {
		if (read.outcome().ok()) {
			return null;
		}
		return messages.getMessage("repositories.problem." + read.outcome().name(), new Object[] {
				provider(read.connection()), read.retryAt() == null ? "" : timeFormat.format(read.retryAt()) }, locale);
	}

	private static String provider(Connection connection) {
		return connection.providerType().displayName();
	}

	/** What the section shows: the filter, the page, the repository whose branches are shown. */
	record Query(ConnectionId id, String filter, int page, String repository) {

		Query {
			filter = filter == null ? "" : filter.trim();
			repository = repository == null || repository.isBlank() ? null : repository.trim();
		}

		boolean filtered() {
			return !filter.isEmpty();
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

		String url() {
			UriComponentsBuilder url = UriComponentsBuilder.fromPath("/connections/{id}/repositories");
			if (filtered()) {
				url.queryParam("filter", filter);
			}
			if (page > 1) {
				url.queryParam("page", page);
			}
			if (repository != null) {
				url.queryParam("repository", repository);
			}
			return url.encode().buildAndExpand(id.value()).toUriString();
		}

	}

}
