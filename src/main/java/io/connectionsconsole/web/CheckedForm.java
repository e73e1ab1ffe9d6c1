package io.connectionsconsole.web;

import org.springframework.validation.Errors;

/** A form record that knows its own rules: {@link FormBinding} has Spring check it with them when it is bound. */
public interface CheckedForm {

	/** Every broken rule at once, each at its field. */
	void check(Errors errors);

}
