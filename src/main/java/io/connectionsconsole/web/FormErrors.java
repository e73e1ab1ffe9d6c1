package io.connectionsconsole.web;

import org.springframework.util.StringUtils;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;

import io.connectionsconsole.error.InvalidInputException;

/**
 * How a form shows what was refused. A form's {@code Validator} runs the rule of a value object and shows its refusal
 * at the field it checks; a refusal of the service, which knows what a value object can't (a name already taken),
 * goes to the field it names in the API's spelling ({@code NewPassword} is {@code newPassword}).
 */
public final class FormErrors {

	private FormErrors() {
	}

	/** Runs a value object's rule for a field that has no error yet, and rejects the field with its refusal. */
	public static void check(Errors errors, String field, Runnable rule) {
		if (errors.hasFieldErrors(field)) {
			return;
		}
		try {
			rule.run();
		}
		catch (InvalidInputException ex) {
			errors.rejectValue(field, "invalid", ex.getMessage());
		}
	}

	/**
	 * Shows the service's refusal at the form's field of the same name, or, where the form has none, above the form
	 * ({@code fragments/field :: refusal}).
	 */
	public static void reject(BindingResult result, InvalidInputException ex) {
		String field = StringUtils.uncapitalize(ex.field());
		if (result.getTarget() != null && result.getFieldType(field) != null) {
			result.rejectValue(field, "invalid", ex.getMessage());
		}
		else {
			result.reject("invalid", ex.getMessage());
		}
	}

}
