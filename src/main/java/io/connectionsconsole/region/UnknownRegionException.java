package io.connectionsconsole.region;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.Printable;

/** A region code that is not in the configured catalogue. */
public class UnknownRegionException extends InvalidInputException {

	public UnknownRegionException(String code) {
		super("Region", "Region '" + Printable.excerpt(code, 64) + "' is not one of this console's regions.");
	}

}
