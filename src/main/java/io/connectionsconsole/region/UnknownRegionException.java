package io.connectionsconsole.region;

import io.connectionsconsole.error.InvalidInputException;

/** A region code that is not in the configured catalogue. */
public class UnknownRegionException extends InvalidInputException {

	public UnknownRegionException(String code) {
		super("Region", "Region '" + code + "' is not one of this console's regions.");
	}

}
