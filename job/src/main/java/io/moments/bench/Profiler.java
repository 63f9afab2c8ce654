package io.moments.bench;

import one.profiler.AsyncProfiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * async-profiler in this JVM (its natives come inside its jar): a CPU or allocation profile around
 * one benchmark run, written as a flame graph ({@code NAME.html}, frames under 0.2 % of the samples
 * pruned so the file stays small) and as collapsed stacks ({@code NAME.collapsed}, the input of
 * {@link ProfileSummary}).
 */
final class Profiler {

    enum Kind {
        /** On-CPU samples every 10 ms (perf events, or a timer where those are not allowed). */
        CPU("event=cpu,interval=10ms"),
        /** Allocation samples, one per 512 KiB allocated. */
        ALLOC("event=alloc,alloc=512k");

        private final String options;

        Kind(String options) {
            this.options = options;
        }
    }

    private static final Pattern LIBRARY_DIR = Pattern.compile("/[^\\s'\";]*/(?=[^/\\s'\";]+\\.so)");

    private final Path dir;
    private final AsyncProfiler profiler;

    Profiler(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.profiler = AsyncProfiler.getInstance();
    }

    /** Runs {@code body} under a profile of {@code kind} and writes {@code name}.html and {@code name}.collapsed. */
    <T> T profile(Kind kind, String name, String title, ThrowingSupplier<T> body) throws Exception {
        profiler.execute("start," + kind.options);
        try {
            return body.get();
        } finally {
            profiler.execute("stop");
            Path html = dir.resolve(name + ".html");
            Path collapsed = dir.resolve(name + ".collapsed");
            String total = kind == Kind.ALLOC ? ",total" : "";
            profiler.execute("flamegraph,minwidth=0.2" + total + ",title=" + title.replace(',', ' ') + ",file=" + html);
            profiler.execute("collapsed" + total + ",file=" + collapsed);
            withoutLibraryDirs(html);
            withoutLibraryDirs(collapsed);
        }
    }

    private static void withoutLibraryDirs(Path file) throws IOException {
        Files.writeString(file, withoutLibraryDirs(Files.readString(file)));
    }

    /** Native frames name their library by path (a temp dir of this machine); the file name is enough. */
    static String withoutLibraryDirs(String profile) {
        return LIBRARY_DIR.matcher(profile).replaceAll("");
    }

    Path dir() {
        return dir;
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
