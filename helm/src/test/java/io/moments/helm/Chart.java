package io.moments.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Renders the chart in-process with helm-java (Helm as a native library) and parses the manifests. */
final class Chart {

    static final String RELEASE = "moments";
    static final String NAMESPACE = "streaming";
    static final YAMLMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    private Chart() {}

    static Path dir() {
        return Path.of(Objects.requireNonNull(System.getProperty("moments.chart.dir"), "moments.chart.dir")).normalize();
    }

    static Path repoRoot() {
        return Path.of(Objects.requireNonNull(System.getProperty("moments.repo.root"), "moments.repo.root")).normalize();
    }

    /** A file under src/test/resources/values, or an absolute path. */
    static Path valuesFile(String name) {
        Path path = Path.of(name);
        return path.isAbsolute() ? path : Path.of("src", "test", "resources", "values", name).toAbsolutePath();
    }

    static Helm helm() {
        try {
            // helm-java unpacks its native library into java.io.tmpdir (target/tmp, see the parent pom)
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Helm(dir());
    }

    /** {@code helm template} with the given values files and --set pairs; throws what Helm reports. */
    static Rendered template(List<String> valuesFiles, Map<String, Object> sets) {
        TemplateCommand cmd = helm().template().withName(RELEASE).withNamespace(NAMESPACE);
        for (String file : valuesFiles) {
            cmd = cmd.withValuesFile(valuesFile(file));
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            cmd = cmd.set(set.getKey(), set.getValue());
        }
        return new Rendered(parse(cmd.call()));
    }

    static Rendered template(String... valuesFiles) {
        return template(List.of(valuesFiles), Map.of());
    }

    /** The error Helm reports for these values, or a failed assertion if it rendered them. */
    static String templateError(List<String> valuesFiles, Map<String, Object> sets) {
        try {
            template(valuesFiles, sets);
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
        throw new AssertionError("helm template accepted values that should be rejected: " + valuesFiles + " " + sets);
    }

    static List<JsonNode> parse(String manifests) {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(manifests)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject() && doc.size() > 0) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("helm rendered invalid YAML:\n" + manifests, e);
        }
        return docs;
    }

    record Rendered(List<JsonNode> docs) {

        List<JsonNode> all(String kind) {
            return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        }

        ObjectNode one(String kind) {
            List<JsonNode> found = all(kind);
            if (found.size() != 1) {
                throw new AssertionError("expected one " + kind + ", found " + found.size() + " in " + kinds());
            }
            return (ObjectNode) found.get(0);
        }

        List<String> kinds() {
            return docs.stream().map(d -> d.path("kind").asText()).toList();
        }
    }
}
