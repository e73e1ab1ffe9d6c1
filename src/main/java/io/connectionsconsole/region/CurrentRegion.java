package io.connectionsconsole.region;

import java.util.Objects;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.account.UserService;

/**
 * The region a console page shows: the one asked for, else the one the user last chose, else the default.
 * A region the user asks for becomes their remembered region. The signed-in session keeps the region it last
 * remembered, so that a page asked for in the same region reads and writes nothing.
 */
@Component
public class CurrentRegion {

	static final String SESSION_ATTRIBUTE = CurrentRegion.class.getName() + ".remembered";

	/** The request's attribute that holds the code of the Region the request's page is about, for its log line. */
	public static final String REQUEST_ATTRIBUTE = CurrentRegion.class.getName() + ".shown";

	private final RegionCatalogue regions;

	private final UserService users;

	CurrentRegion(RegionCatalogue regions, UserService users) {
		this.regions = regions;
		this.users = users;
	}

	public Region resolve(ConsoleUser user, String requested) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		Object known = request == null ? null
				: request.getAttribute(SESSION_ATTRIBUTE, RequestAttributes.SCOPE_SESSION);
		if (requested != null && requested.equals(known) && regions.contains(requested)) {
			request.setAttribute(REQUEST_ATTRIBUTE, requested, RequestAttributes.SCOPE_REQUEST);
			return regions.require(requested);
		}
		String remembered = known instanceof String region ? region
				: users.lastRegion(user.id()).orElse(null);
		Region region;
		if (requested == null || requested.isBlank()) {
			region = regions.contains(remembered) ? regions.require(remembered) : regions.defaultRegion();
		}
		else {
			region = regions.require(requested);
			if (!Objects.equals(remembered, region.code())) {
				users.rememberRegion(user.id(), region.code());
			}
		}
		if (request != null && !region.code().equals(known)) {
			request.setAttribute(SESSION_ATTRIBUTE, region.code(), RequestAttributes.SCOPE_SESSION);
		}
		if (request != null) {
			request.setAttribute(REQUEST_ATTRIBUTE, region.code(), RequestAttributes.SCOPE_REQUEST);
		}
		return region;
	}

}
