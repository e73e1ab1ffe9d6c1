package io.connectionsconsole.web;

import java.beans.PropertyEditorSupport;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

import org.springframework.core.ResolvableType;
import org.springframework.validation.Validator;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * How a form record binds. A {@link CheckedForm} is checked with its own rules (where the handler asks, with
 * {@code @Validated}). Its choices (its enum components) bind by the constant's name, and a name that is none of them
 * is no choice: Spring leaves a record unmade when one of its values fails to convert, and then no {@code Validator}
 * runs; this way the record is made, and its check shows every broken rule at once, the missing choice among them.
 */
@ControllerAdvice
class FormBinding {

	private static final Validator CHECK = Validator.forInstanceOf(CheckedForm.class, CheckedForm::check);

	@InitBinder
	void bindForm(WebDataBinder binder) {
		ResolvableType target = binder.getTargetType();
		Class<?> form = (target != null) ? target.resolve() : null;
		if (form == null || !form.isRecord()) {
			return;
		}
		if (CheckedForm.class.isAssignableFrom(form)) {
			binder.addValidators(CHECK);
		}
		for (RecordComponent component : form.getRecordComponents()) {
			if (component.getType().isEnum()) {
				binder.registerCustomEditor(component.getType(), new Choice(component.getType()));
			}
		}
	}

	private static final class Choice extends PropertyEditorSupport {

		private final Object[] constants;

		Choice(Class<?> type) {
			this.constants = type.getEnumConstants();
		}

		@Override
		public void setAsText(String text) {
			setValue(Arrays.stream(constants)
				.filter((constant) -> ((Enum<?>) constant).name().equals(text))
				.findFirst()
				.orElse(null));
		}

	}

}
