package io.connectionsconsole.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/** What a form shows after a refused submit: the values as typed and the message of each broken rule. */
public final class FormErrors {

	private final BindingResult result;

	private final MessageSource messages;

	private final Locale locale;

	FormErrors(BindingResult result, MessageSource messages, Locale locale) {
		this.result = result;
		this.messages = messages;
		this.locale = locale;
	}

	public boolean has(String field) {
		return result != null && result.hasFieldErrors(field);
	}

	/** The first message for {@code field}, or {@code null} when it has none. */
	public String message(String field) {
		FieldError error = result == null ? null : result.getFieldError(field);
		return error == null ? null : messages.getMessage(error, locale);
	}

	public List<String> global() {
		return result == null ? List.of()
				: result.getGlobalErrors().stream().map((e) -> messages.getMessage(e, locale)).toList();
	}

	/** The field's value as the user typed it (even when refused), or empty. */
	public String value(String field) {
		Object value = result == null ? null : result.getFieldValue(field);
		return value == null ? "" : value.toString();
	}

}
