package io.connectionsconsole.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * How every page answers htmx, so that no handler has to: a link or form that htmx follows inside {@code <main>} gets
 * the page without its layout, with its {@code <title>} first so that the browser's title follows, and the top bar to
 * swap out of band (the layout's {@code inPlace} mode), and a page asked for into {@code #modal-root} gets its {@code dialog} fragment alone. Handlers
 * name the page's view; a view that names its own fragment ({@code connections/table :: selection}), a redirect, and
 * htmx's history restore (which wants the whole page) pass as they are.
 */
public class InPlacePages implements HandlerInterceptor {

	/** The model's flag that a page is shown as a modal dialog rather than in the page. */
	public static final String MODAL = "modal";

	/** The model's flag that the layout answers the title, the page and the top bar alone. */
	public static final String IN_PLACE = "inPlace";

	static final String MODAL_ROOT = "modal-root";

	private static final String PUSH_URL = "HX-Push-Url";

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView modelAndView) {
		if (modelAndView == null || !modelAndView.isReference()) {
			return;
		}
		String view = modelAndView.getViewName();
		if (view == null || view.startsWith("redirect:") || view.startsWith("forward:") || view.contains("::")) {
			return;
		}
		boolean htmx = "true".equals(request.getHeader("HX-Request"))
				&& !"true".equals(request.getHeader("HX-History-Restore-Request"));
		// the error page of a request for a dialog has none: it is answered as a page, whose problem the script shows
		boolean modal = htmx && MODAL_ROOT.equals(request.getHeader("HX-Target"))
				&& request.getDispatcherType() != DispatcherType.ERROR;
		modelAndView.addObject(MODAL, modal);
		modelAndView.addObject(IN_PLACE, htmx && !modal);
		if (htmx && !modal && !HttpMethod.GET.matches(request.getMethod()) && !response.containsHeader(PUSH_URL)) {
			// a form posted in place and answered with a page (refused, shown again): the address stays the form's,
			// where htmx would push the address it posted to, which no browser can ask for
			response.setHeader(PUSH_URL, "false");
		}
		if (modal) {
			modelAndView.setViewName(view + " :: dialog");
		}
	}

}
