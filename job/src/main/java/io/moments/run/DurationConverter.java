package io.moments.run;

import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/**
 * Durations in Flink's syntax ({@link TimeUtils#parseDuration}: {@code 90s}, {@code 2 min}, {@code 500ms},
 * {@code 1h}), with a unit: Flink reads a bare number as milliseconds, where this command line used to read it as
 * seconds, so a bare number is refused rather than silently taken a thousand times shorter.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String text = value.trim();
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            throw new TypeConversionException("'" + value + "' has no unit; write e.g. " + text + "s, " + text
                    + "ms or " + text + "min");
        }
        try {
            return TimeUtils.parseDuration(text);
        } catch (RuntimeException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (e.g. 90s, 2 min, 500ms, 1h)");
        }
    }
}
