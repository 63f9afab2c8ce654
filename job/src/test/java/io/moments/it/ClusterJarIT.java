package io.moments.it;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded job jar, as the image and the chart ship it: it holds the job, its entry point and the
 * models, not the local tools, and its entry point starts from the jar and Flink alone.
 */
class ClusterJarIT {

    private static final Path JAR = Path.of("target", "moments-job.jar");

    @Test
    void holdsTheJobAndTheModelsButNotTheLocalTools() throws IOException {
        assertThat(JAR).as("built by the package phase").isRegularFile();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.moments.run.RunCommand");
            assertThat(names).contains("io/moments/MomentsJob.class", "io/moments/run/RunCommand.class",
                    "io/moments/session/SessionOperator.class", "io/moments/models/EmotionModel.class",
                    "io/moments/models/text/text-emotion-head.params", "contracts/policy.v1.schema.json",
                    "policies/default-policy.json");
            for (String tool : List.of("cli", "demo", "bench", "local", "consumer", "ratings")) {
                assertThat(names).as("io/moments/%s/ in the cluster jar", tool)
                        .noneMatch(n -> n.startsWith("io/moments/" + tool + "/"));
            }
            assertThat(names).as("the live view's chart library").noneMatch(n -> n.contains("webjars/uplot"));
        }
    }

    @Test
    void itsEntryPointRunsFromTheJarAndFlinkAlone() throws Exception {
        // The test classpath less this module's own classes: Flink and the other provided jars the cluster has.
        String flink = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Path.of(e).toAbsolutePath().startsWith(Path.of("target").toAbsolutePath()))
                .filter(e -> !e.contains("moments-models"))
                .collect(Collectors.joining(File.pathSeparator));
        Run help = java(JAR + File.pathSeparator + flink, "--help");
        assertThat(help.exit).as(help.output).isZero();
        assertThat(help.output).contains("--conf-dir", "--set", "--bootstrap-servers");

        Run typo = java(JAR + File.pathSeparator + flink, "--conf-dir", "../flink-conf", "--polcy", "p.json");
        assertThat(typo.exit).as(typo.output).isNotZero();
        assertThat(typo.output).contains("Unknown options: '--polcy'").doesNotContain("NoClassDefFoundError");
    }

    private record Run(int exit, String output) {}

    private static Run java(String classpath, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "io.moments.run.RunCommand"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "cluster-jar", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the entry point did not return within 60 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
