package io.connectionsconsole.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.NotFoundException;
import io.connectionsconsole.error.NotPermittedException;

/** Turns the typed refusals of the services into real error pages with the service's message. */
@ControllerAdvice(basePackages = { "io.connectionsconsole.connection", "io.connectionsconsole.account",
		"io.connectionsconsole.audit", "io.connectionsconsole.handshake", "io.connectionsconsole.host", "io.connectionsconsole.link",
		"io.connectionsconsole.provider",
		"io.connectionsconsole.web" })
class WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(WebExceptionHandler.class);

	static final String VIEW_ERROR = "error/problem";

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	ModelAndView notFound(NotFoundException ex) {
		return page(HttpStatus.NOT_FOUND, "error.notFound.title", ex.getMessage());
	}

	/**
	 * A path variable that can't name anything, such as a malformed connection id, is not found, as one that names
	 * nothing is; any other value the handler can't take is a bad request.
	 */
	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ModelAndView unconvertible(MethodArgumentTypeMismatchException ex) {
		if (NestedExceptionUtils.getMostSpecificCause(ex) instanceof NotFoundException notFound) {
			return page(HttpStatus.NOT_FOUND, "error.notFound.title", notFound.getMessage());
		}
		return page(HttpStatus.BAD_REQUEST, "error.badRequest.title", "'" + ex.getName() + "' is not valid here.");
	}

	@ExceptionHandler(NotPermittedException.class)
	@ResponseStatus(HttpStatus.FORBIDDEN)
	ModelAndView forbidden(NotPermittedException ex) {
		return page(HttpStatus.FORBIDDEN, "error.forbidden.title", ex.getMessage());
	}

	@ExceptionHandler(InvalidInputException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ModelAndView badRequest(InvalidInputException ex) {
		log.debug("Refused console request: {}", ex.getMessage());
		return page(HttpStatus.BAD_REQUEST, "error.badRequest.title", ex.getMessage());
	}

	private static ModelAndView page(HttpStatus status, String titleCode, String message) {
		ModelAndView page = new ModelAndView(VIEW_ERROR);
		page.setStatus(status);
		page.addObject("status", status.value());
		page.addObject("titleCode", titleCode);
		page.addObject("message", message);
		return page;
	}

}
