package io.moments.models.face;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed test images under {@code models/face/testdata} (tests run with the module as working directory). */
final class TestImages {

    static final Path DIR = Path.of("face", "testdata");

    private TestImages() {
    }

    static Path path(String name) {
        return DIR.resolve(name);
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
