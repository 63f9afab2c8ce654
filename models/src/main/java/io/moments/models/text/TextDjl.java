package io.moments.models.text;

import ai.djl.util.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Classpath resources of the text model classes, as streams or as files for engines that need a path. */
final class TextDjl {

    private TextDjl() {}

    /** Opens a classpath resource (an absolute name without leading slash, e.g. {@code a/b.json}). */
    static InputStream open(String resource) throws IOException {
        InputStream in = TextDjl.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("classpath resource not found: " + resource);
        }
        return in;
    }

    /**
     * Copies a classpath resource to {@code <DJL cache dir>/moments/text/<resource file name>} for
     * engines that need a file path, and returns that path. An existing copy of the same size is
     * reused; a new copy is written to a temporary file and moved into place atomically, so
     * concurrent loaders (several slots of one TaskManager) never see a half-written file.
     */
    static Path materialize(String resource) {
        URL url = TextDjl.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new UncheckedIOException(new IOException("classpath resource not found: " + resource));
        }
        try {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            long size = connection.getContentLengthLong();
            Path dir = Utils.getCacheDir().resolve("moments").resolve("text");
            Files.createDirectories(dir);
            String fileName = resource.substring(resource.lastIndexOf('/') + 1);
            Path target = dir.resolve(fileName);
            if (size >= 0 && Files.isRegularFile(target) && Files.size(target) == size) {
                return target;
            }
            Path tmp = Files.createTempFile(dir, fileName, ".part");
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + resource + " to the DJL cache dir", e);
        }
    }
}
