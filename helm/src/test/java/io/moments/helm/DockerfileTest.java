package io.moments.helm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Docker does not run here: these checks keep the Dockerfile in step with the build and the chart. The
 * image itself is built with docker build (see docs/operations.md).
 */
class DockerfileTest {

    private static final Path ROOT = Chart.repoRoot();

    private static List<String> instructions() throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(ROOT.resolve("Dockerfile"))) {
            String t = line.strip();
            if (current.isEmpty() && (t.isEmpty() || t.startsWith("#"))) {
                continue;
            }
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
            } else {
                current.append(t);
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        return out;
    }

    private static List<String[]> copies() throws IOException {
        List<String[]> copies = new ArrayList<>();
        for (String i : instructions()) {
            if (i.startsWith("COPY ")) {
                String[] parts = i.substring(5).trim().split("\\s+");
                List<String> args = new ArrayList<>();
                for (String p : parts) {
                    if (!p.startsWith("--")) {
                        args.add(p);
                    }
                }
                assertThat(args).as(i).hasSize(2);
                copies.add(args.toArray(String[]::new));
            }
        }
        return copies;
    }

    @Test
    void baseImageIsTheOfficialFlinkImageOfTheBuildsFlinkVersion() throws IOException {
        String flinkVersion = System.getProperty("moments.flink.version");
        assertThat(flinkVersion).as("flink.version of the parent pom").matches("\\d+\\.\\d+\\.\\d+");
        List<String> from = instructions().stream().filter(i -> i.startsWith("FROM ")).toList();
        assertThat(from).hasSize(1);
        // official image tags: <flink version>-java17 (also -scala_2.12-java17)
        assertThat(from.get(0)).isEqualTo("FROM flink:" + flinkVersion + "-java17");
    }

    @Test
    void copiesTheShadedJobJarWhereTheChartPointsAndExistingFiles() throws IOException {
        // the shade plugin's finalName in job/pom.xml names the jar that `package` builds
        String jobPom = Files.readString(ROOT.resolve("job/pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(jobPom);
        assertThat(finalName.find()).as("job/pom.xml declares the shaded jar's finalName").isTrue();
        String jobJar = "job/target/" + finalName.group(1) + ".jar";

        String chartJarUri = Chart.template().one("FlinkDeployment").path("spec").path("job").path("jarURI").asText();
        assertThat(chartJarUri).startsWith("local://");
        String jarInImage = chartJarUri.substring("local://".length());

        List<String[]> copies = copies();
        assertThat(copies).anySatisfy(c -> {
            assertThat(c[0]).isEqualTo(jobJar);
            assertThat(c[1]).isEqualTo(jarInImage);
        });
        assertThat(copies).anySatisfy(c -> {
            assertThat(c[0]).isEqualTo("flink-conf/log4j-console.properties");
            assertThat(c[1]).isEqualTo("/opt/flink/conf/log4j-console.properties");
        });
        for (String[] c : copies) {
            if (c[0].equals(jobJar)) {
                continue; // a build output: present after ./mvnw -pl job -am package
            }
            assertThat(ROOT.resolve(c[0])).as("COPY source %s", c[0]).isRegularFile();
        }
    }

    @Test
    void dockerignoreLetsTheCopiedFilesThrough() throws IOException {
        List<String> ignore = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        for (String[] c : copies()) {
            // everything is excluded, then each COPY source is let back in
            assertThat(ignore).contains("!" + c[0]);
        }
    }

    @Test
    void prometheusReporterIsInPluginsAndTheImageRunsAsFlink() throws IOException {
        List<String> instructions = instructions();
        String run = String.join("\n", instructions.stream().filter(i -> i.startsWith("RUN ")).toList());
        assertThat(run).contains("plugins/metrics-prometheus/flink-metrics-prometheus-");
        assertThat(instructions.get(instructions.size() - 1)).isEqualTo("USER 9999:9999");
        int runAsUser = Chart.template().one("FlinkDeployment").path("spec").path("podTemplate").path("spec")
                .path("securityContext").path("runAsUser").asInt();
        assertThat(runAsUser).isEqualTo(9999);
    }
}
