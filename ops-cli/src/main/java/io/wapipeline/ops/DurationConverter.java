package io.wapipeline.ops;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as operators type them ({@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}) or as ISO-8601. */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        Matcher shortForm = SHORT_FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            return Duration.of(Long.parseLong(shortForm.group(1)), unit(shortForm.group(2)));
        }
        try {
            return Duration.parse(value.strip());
        }
        catch (DateTimeParseException notIso) {
            throw new TypeConversionException("'" + value + "' is not a duration: write 500ms, 30s, 2m, 1h or PT30S");
        }
    }

    private static ChronoUnit unit(String suffix) {
        return switch (suffix) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            default -> ChronoUnit.HOURS;
        };
    }
}
