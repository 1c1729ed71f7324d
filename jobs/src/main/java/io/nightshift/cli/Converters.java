package io.nightshift.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Argument converters with messages that say what was expected. */
final class Converters {

	private Converters() {
	}

	static final class IsoDate implements ITypeConverter<LocalDate> {

		@Override
		public LocalDate convert(String value) {
			try {
				return LocalDate.parse(value);
			}
			catch (DateTimeParseException ex) {
				throw new TypeConversionException("'" + value + "' is not a date (expected YYYY-MM-DD)");
			}
		}

	}

}
