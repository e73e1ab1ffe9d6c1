package io.connectionsconsole.web;

import java.io.Serializable;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A flash notification carried across a redirect: a type (success, error, info), a message key and its
 * argument. The layout's flashbar shows it once.
 */
public record Flash(String type, String code, String argument) implements Serializable {

	public static final String ATTRIBUTE = "flash";

	public static void success(RedirectAttributes redirect, String code, String argument) {
		redirect.addFlashAttribute(ATTRIBUTE, new Flash("success", code, argument));
	}

	public static void info(RedirectAttributes redirect, String code, String argument) {
		redirect.addFlashAttribute(ATTRIBUTE, new Flash("info", code, argument));
	}

	public static void error(RedirectAttributes redirect, String code, String argument) {
		redirect.addFlashAttribute(ATTRIBUTE, new Flash("error", code, argument));
	}

}
