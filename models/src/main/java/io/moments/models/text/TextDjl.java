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

/** DJL set-up shared by the text model classes: offline defaults and classpath resources. */
final class TextDjl {

    private TextDjl() {}

    /**
     * Sets DJL's safe defaults unless the caller already set them: {@code ai.djl.offline=true}
     * (never download anything) and one PyTorch thread ({@code ai.djl.pytorch.num_threads=1},
     * {@code ai.djl.pytorch.num_interop_threads=1}). Has no effect on an engine that has already
     * started. Also creates {@code java.io.tmpdir} if it is missing: ONNX Runtime unpacks its native
     * library there and fails to start without it (e.g. a configured but not yet created temp dir).
     */
    static void configureDefaults() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp != null && !tmp.isEmpty()) {
            try {
                Files.createDirectories(Path.of(tmp));
            } catch (IOException e) {
                // leave it to the engine to report
            }
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

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
