package io.moments.cli;

import io.moments.bench.InferenceItems.Modality;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.Iterator;

/** How command-line values become typed option values. */
final class Converters {

    private Converters() {}

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
