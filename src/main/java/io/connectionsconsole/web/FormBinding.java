package io.connectionsconsole.web;

import java.beans.PropertyEditorSupport;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.springframework.beans.propertyeditors.CustomNumberEditor;
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
 * <p>
 * Whole numbers, in forms, query strings and paths alike, are decimal digits as people write them (spaces around them
 * aside): Spring's own conversion also reads {@code 0x10} and {@code #20} as hexadecimal, and the JDK takes any
 * script's digits, so a mistyped quota was stored as another number. An editor, because a conversion that fails falls
 * back to Spring's default editors, which read them so again.
 */
@ControllerAdvice
class FormBinding {

	private static final Validator CHECK = Validator.forInstanceOf(CheckedForm.class, CheckedForm::check);

	@InitBinder
	void bindForm(WebDataBinder binder) {
		binder.registerCustomEditor(Integer.class, new WholeNumber(Integer.class, true));
		binder.registerCustomEditor(int.class, new WholeNumber(Integer.class, false));
		binder.registerCustomEditor(Long.class, new WholeNumber(Long.class, true));
		binder.registerCustomEditor(long.class, new WholeNumber(Long.class, false));
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

	/** Spring's number editor, given decimal digits alone. */
	private static final class WholeNumber extends CustomNumberEditor {

		private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");

		WholeNumber(Class<? extends Number> type, boolean allowEmpty) {
			super(type, allowEmpty);
		}

		@Override
		public void setAsText(String text) {
			String value = (text != null) ? text.strip() : "";
			if (!value.isEmpty() && !DECIMAL.matcher(value).matches()) {
				throw new IllegalArgumentException("Not a whole number in decimal digits");
			}
			// past the type's range: a NumberFormatException, an IllegalArgumentException as well
			super.setAsText(value);
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
