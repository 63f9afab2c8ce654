package io.moments.cli;

import io.moments.bench.InferenceItems.Modality;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;

/** How command-line values become typed option values. */
final class Converters {

    private Converters() {}

    /**
     * Durations in Flink's syntax ({@link TimeUtils#parseDuration}: {@code 90s}, {@code 2 min}, {@code 500ms},
     * {@code 1h}), with a unit: Flink reads a bare number as milliseconds, where this command line used to read it as
     * seconds, so a bare number is refused rather than silently taken a thousand times shorter.
     */
    static final class DurationConverter implements ITypeConverter<Duration> {
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

    /** {@code text}, {@code image} or {@code audio}. */
    static final class ModalityConverter implements ITypeConverter<Modality> {
        @Override
        public Modality convert(String value) {
            try {
                return Modality.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not text, image or audio");
            }
        }
    }

    /** The modalities by their wire names, for the usage text and shell completion. */
    static final class Modalities implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Modality.values()).map(Modality::wireName).iterator();
        }
    }
}
