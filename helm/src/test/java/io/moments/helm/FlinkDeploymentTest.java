package io.moments.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The rendered FlinkDeployment: what the operator deploys. */
class FlinkDeploymentTest {

    private static JsonNode spec(Chart.Rendered r) {
        return r.one("FlinkDeployment").path("spec");
    }

    private static JsonNode conf(Chart.Rendered r) {
        return spec(r).path("flinkConfiguration");
    }

    private static JsonNode mainContainer(JsonNode spec) {
        for (JsonNode c : spec.path("podTemplate").path("spec").path("containers")) {
            if ("flink-main-container".equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no flink-main-container in the pod template");
    }

    private static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    @Test
    void applicationModeJobFromTheImage() {
        Chart.Rendered r = Chart.template();
        JsonNode fd = r.one("FlinkDeployment");
        assertThat(fd.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(fd.path("metadata").path("name").asText()).isEqualTo("moments");
        assertThat(fd.path("metadata").path("namespace").asText()).isEqualTo(Chart.NAMESPACE);

        JsonNode spec = fd.path("spec");
        assertThat(spec.path("image").asText()).isEqualTo("moments:0.1.0");
        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v2_2");
        assertThat(spec.path("mode").asText()).isEqualTo("native");
        assertThat(spec.path("serviceAccount").asText()).isEqualTo("moments");

        JsonNode job = spec.path("job");
        assertThat(job.path("jarURI").asText()).isEqualTo("local:///opt/flink/usrlib/moments-job.jar");
        assertThat(job.path("entryClass").asText()).isEqualTo("io.moments.run.RunCommand");
        assertThat(job.path("args")).extracting(JsonNode::asText).containsExactly("--conf-dir", "/opt/flink/conf");
        assertThat(job.path("parallelism").isInt()).isTrue();
        assertThat(job.path("parallelism").asInt()).isEqualTo(2);
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(job.path("state").asText()).isEqualTo("running");
        assertThat(job.path("allowNonRestoredState").asBoolean(true)).isFalse();
        assertThat(job.has("initialSavepointPath")).isFalse();
        assertThat(job.has("savepointRedeployNonce")).isFalse();

        assertThat(spec.path("jobManager").path("resource").path("memory").asText()).isEqualTo("2048m");
        assertThat(spec.path("jobManager").path("resource").path("cpu").asDouble()).isEqualTo(1.0);
        assertThat(spec.path("taskManager").path("resource").path("memory").asText()).isEqualTo("4096m");
        assertThat(spec.path("taskManager").path("resource").path("cpu").asDouble()).isEqualTo(2.0);
        assertThat(spec.path("logConfiguration").path("log4j-console.properties").asText())
                .contains("rootLogger.appenderRef.console.ref");
    }

    @Test
    void stateCheckpointsHaRestartsAndMetrics() {
        JsonNode conf = conf(Chart.template());
        // every value is a string, as the operator's flinkConfiguration map expects
        conf.fields().forEachRemaining(e -> assertThat(e.getValue().isTextual()).as(e.getKey()).isTrue());

        assertThat(conf.path("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(conf.path("execution.checkpointing.incremental").asText()).isEqualTo("true");
        assertThat(conf.path("execution.checkpointing.mode").asText()).isEqualTo("EXACTLY_ONCE");
        assertThat(conf.path("execution.checkpointing.unaligned.enabled").asText()).isEqualTo("false");
        assertThat(conf.path("execution.checkpointing.dir").asText()).isEqualTo("s3://moments/checkpoints");
        assertThat(conf.path("execution.checkpointing.savepoint-dir").asText()).isEqualTo("s3://moments/savepoints");
        assertThat(conf.path("execution.checkpointing.externalized-checkpoint-retention").asText())
                .isEqualTo("RETAIN_ON_CANCELLATION");
        assertThat(conf.path("high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(conf.path("high-availability.storageDir").asText()).isEqualTo("s3://moments/ha");
        assertThat(conf.path("restart-strategy.type").asText()).isEqualTo("exponential-delay");
        assertThat(conf.path("restart-strategy.exponential-delay.max-backoff").asText()).isEqualTo("1 min");
        assertThat(conf.path("pipeline.generic-types").asText()).isEqualTo("false");
        assertThat(conf.path("pipeline.max-parallelism").asText()).isEqualTo("128");
        assertThat(conf.path("parallelism.default").asText()).isEqualTo("2");
        assertThat(conf.path("taskmanager.numberOfTaskSlots").asText()).isEqualTo("2");
        assertThat(conf.path("metrics.reporter.prom.factory.class").asText())
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(conf.path("metrics.reporter.prom.port").asText()).isEqualTo("9249");
        assertThat(conf.path("env.java.opts.all").asText()).contains("-Dai.djl.offline=true");
        // plaintext Kafka by default, and no credentials anywhere
        assertThat(conf.path("moments.kafka.properties.security.protocol").asText()).isEqualTo("PLAINTEXT");
        assertThat(conf.path("moments.kafka.transactional-id-prefix").asText()).isEqualTo("moments");
        assertThat(conf.path("moments.topics.policies").asText()).isEqualTo("policies");
        assertThat(conf.path("moments.lift.report-interval").asText()).isEqualTo("1 min");
        // no starting policy given: the job starts with the policy shipped in its jar
        assertThat(conf.has("moments.policy.file")).isFalse();
    }

    @Test
    void disablingHaDropsItsKeys() {
        JsonNode conf = conf(Chart.template(List.of(), Map.of("highAvailability.enabled", false)));
        assertThat(conf.has("high-availability.type")).isFalse();
        assertThat(conf.has("high-availability.storageDir")).isFalse();
    }

    /**
     * The chart's defaults are the job's defaults: every key the chart renders that flink-conf/config.yaml
     * also sets has the same value there, except the Kafka endpoint and the per-deployment ids, which a
     * cluster deployment must not share with a local run.
     */
    @Test
    void defaultsAgreeWithFlinkConfConfigYaml() throws IOException {
        JsonNode local = Chart.YAML.readTree(Files.readString(Chart.repoRoot().resolve("flink-conf/config.yaml")));
        JsonNode conf = conf(Chart.template());
        Set<String> perDeployment = Set.of("moments.kafka.bootstrap-servers", "moments.kafka.group-id",
                "moments.kafka.transactional-id-prefix", "parallelism.default", "rest.port",
                // a port range for several local processes on one host; one fixed port per pod
                "metrics.reporter.prom.port");
        Map<String, String> differences = new TreeMap<>();
        List<String> notInChart = new ArrayList<>();
        local.fields().forEachRemaining(e -> {
            String key = e.getKey();
            if (perDeployment.contains(key)) {
                return;
            }
            if (conf.has(key)) {
                if (!conf.path(key).asText().equals(e.getValue().asText())) {
                    differences.put(key, "config.yaml " + e.getValue().asText() + " vs chart " + conf.path(key).asText());
                }
            } else if (key.startsWith("moments.")) {
                notInChart.add(key);
            }
        });
        assertThat(differences).as("chart defaults (helm/moments/values.yaml) that differ from flink-conf/config.yaml")
                .isEmpty();
        assertThat(notInChart).as("moments.* keys of flink-conf/config.yaml without a typed chart value").isEmpty();
        // every moments.* key the job reads (MomentsOptions) has a typed value, apart from moments.policy.file (the friction thresholds moved into the policy)
        assertThat(conf.fieldNames()).toIterable().filteredOn(k -> k.startsWith("moments.") && !k.startsWith("moments.kafka.properties."))
                .hasSizeGreaterThanOrEqualTo(29);
    }

    @Test
    void nonRootReadOnlyPods() {
        JsonNode spec = spec(Chart.template());
        JsonNode pod = spec.path("podTemplate").path("spec");
        JsonNode podSc = pod.path("securityContext");
        assertThat(podSc.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(podSc.path("runAsUser").asInt()).isEqualTo(9999);
        assertThat(podSc.path("runAsGroup").asInt()).isEqualTo(9999);
        assertThat(podSc.path("fsGroup").asInt()).isEqualTo(9999);
        assertThat(podSc.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");

        JsonNode main = mainContainer(spec);
        JsonNode sc = main.path("securityContext");
        assertThat(sc.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(sc.path("capabilities").path("drop")).extracting(JsonNode::asText).containsExactly("ALL");
        assertThat(sc.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");

        // the writable places of a read-only root: /tmp (RocksDB, DJL) and Flink's log dir, as emptyDirs
        Map<String, String> mounts = new TreeMap<>();
        main.path("volumeMounts").forEach(m -> mounts.put(m.path("name").asText(), m.path("mountPath").asText()));
        assertThat(mounts).containsEntry("tmp", "/tmp").containsEntry("flink-log", "/opt/flink/log");
        List<String> emptyDirs = new ArrayList<>();
        pod.path("volumes").forEach(v -> {
            if (v.has("emptyDir")) {
                emptyDirs.add(v.path("name").asText());
            }
        });
        assertThat(emptyDirs).contains("tmp", "flink-log");
        assertThat(spec(Chart.template()).path("flinkConfiguration").path("io.tmp.dirs").asText()).isEqualTo("/tmp");

        // the Prometheus port is a named container port (the PodMonitor scrapes it by name)
        assertThat(main.path("ports")).anySatisfy(p -> {
            assertThat(p.path("name").asText()).isEqualTo("metrics");
            assertThat(p.path("containerPort").asInt()).isEqualTo(9249);
        });
        assertThat(env(main)).doesNotContainKeys("MOMENTS_KAFKA_PROP_SASL_JAAS_CONFIG");
    }

    @Test
    void kafkaCredentialsComeFromSecrets() {
        Chart.Rendered r = Chart.template("secure-kafka.yaml");
        JsonNode spec = spec(r);
        JsonNode conf = spec.path("flinkConfiguration");
        Map<String, JsonNode> env = env(mainContainer(spec));

        assertThat(env.get("MOMENTS_KAFKA_PROP_SASL_JAAS_CONFIG")).isNotNull();
        JsonNode jaas = env.get("MOMENTS_KAFKA_PROP_SASL_JAAS_CONFIG");
        assertThat(jaas.has("value")).isFalse();
        assertThat(jaas.path("valueFrom").path("secretKeyRef").path("name").asText()).isEqualTo("moments-kafka-credentials");
        assertThat(jaas.path("valueFrom").path("secretKeyRef").path("key").asText()).isEqualTo("jaas");

        JsonNode password = env.get("MOMENTS_KAFKA_PROP_SSL_TRUSTSTORE_PASSWORD");
        assertThat(password).isNotNull();
        assertThat(password.path("valueFrom").path("secretKeyRef").path("name").asText()).isEqualTo("kafka-ca");
        assertThat(password.path("valueFrom").path("secretKeyRef").path("key").asText()).isEqualTo("password");

        JsonNode extra = env.get("MOMENTS_KAFKA_PROP_SASL_LOGIN_CALLBACK_HANDLER_CLASS");
        assertThat(extra).isNotNull();
        assertThat(extra.path("valueFrom").path("secretKeyRef").path("name").asText()).isEqualTo("moments-kafka-extra");

        // non-secret client settings are configuration
        assertThat(conf.path("moments.kafka.properties.security.protocol").asText()).isEqualTo("SASL_SSL");
        assertThat(conf.path("moments.kafka.properties.sasl.mechanism").asText()).isEqualTo("SCRAM-SHA-512");
        assertThat(conf.path("moments.kafka.properties.client.dns.lookup").asText()).isEqualTo("use_all_dns_ips");
        assertThat(conf.path("moments.kafka.properties.ssl.truststore.type").asText()).isEqualTo("PKCS12");
        assertThat(conf.path("moments.kafka.properties.ssl.truststore.location").asText())
                .isEqualTo("/opt/moments/kafka-truststore/truststore.p12");
        // ... and secrets are not
        assertThat(conf.fieldNames()).toIterable().noneMatch(k -> k.contains("jaas") || k.contains("password"));

        // the truststore Secret is mounted read-only where the location points
        JsonNode pod = spec.path("podTemplate").path("spec");
        assertThat(pod.path("volumes")).anySatisfy(v -> {
            assertThat(v.path("name").asText()).isEqualTo("kafka-truststore");
            assertThat(v.path("secret").path("secretName").asText()).isEqualTo("kafka-ca");
            assertThat(v.path("secret").path("items").get(0).path("key").asText()).isEqualTo("truststore.p12");
        });
        assertThat(mainContainer(spec).path("volumeMounts")).anySatisfy(m -> {
            assertThat(m.path("name").asText()).isEqualTo("kafka-truststore");
            assertThat(m.path("mountPath").asText()).isEqualTo("/opt/moments/kafka-truststore");
            assertThat(m.path("readOnly").asBoolean()).isTrue();
        });

        // the rest of the production values
        assertThat(spec.path("image").asText()).isEqualTo("registry.example.com/data/moments:1.4.2");
        assertThat(spec.path("job").path("parallelism").asInt()).isEqualTo(8);
        assertThat(conf.path("pipeline.max-parallelism").asText()).isEqualTo("256");
        assertThat(conf.path("taskmanager.numberOfTaskSlots").asText()).isEqualTo("4");
        assertThat(spec.path("taskManager").path("resource").path("memory").asText()).isEqualTo("8g");
        assertThat(conf.path("moments.kafka.bootstrap-servers").asText()).isEqualTo("b-1.kafka.internal:9096,b-2.kafka.internal:9096");
        assertThat(conf.path("moments.kafka.transactional-id-prefix").asText()).isEqualTo("moments-prod-eu1");
        assertThat(conf.path("moments.topics.decisions").asText()).isEqualTo("prod.decisions.v1");
        assertThat(conf.path("moments.topics.interactions").asText()).isEqualTo("interactions");
        assertThat(conf.path("moments.topics.policies").asText()).isEqualTo("prod.policies.v1");
        assertThat(conf.path("execution.checkpointing.dir").asText()).isEqualTo("s3://acme-flink/moments/checkpoints");
        assertThat(conf.path("high-availability.storageDir").asText()).isEqualTo("s3://acme-flink/moments/ha");
    }

    @Test
    void setOverridesAndFreeFlinkConfiguration() {
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("moments.session.idleTimeout", "45 min");
        sets.put("moments.ingest.maxRecordBytes", 2097152);
        sets.put("flinkConfiguration.execution\\.checkpointing\\.interval", "30 s");
        sets.put("flinkConfiguration.moments\\.future\\.setting", "on");
        JsonNode conf = conf(Chart.template(List.of(), sets));
        assertThat(conf.path("moments.session.idle-timeout").asText()).isEqualTo("45 min");
        assertThat(conf.path("moments.ingest.max-record-bytes").asText()).isEqualTo("2097152");
        assertThat(conf.path("execution.checkpointing.interval").asText()).isEqualTo("30 s");
        assertThat(conf.path("moments.future.setting").asText()).isEqualTo("on");
    }

    @Test
    void recoveryFieldsRenderWhenSet() {
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("job.initialSavepointPath", "s3://moments/savepoints/savepoint-4f2a1c-0d1e2f3a4b5c");
        sets.put("job.savepointRedeployNonce", 2);
        sets.put("job.restartNonce", 7);
        sets.put("job.state", "suspended");
        JsonNode spec = spec(Chart.template(List.of(), sets));
        assertThat(spec.path("job").path("initialSavepointPath").asText()).isEqualTo("s3://moments/savepoints/savepoint-4f2a1c-0d1e2f3a4b5c");
        assertThat(spec.path("job").path("savepointRedeployNonce").asInt()).isEqualTo(2);
        assertThat(spec.path("job").path("state").asText()).isEqualTo("suspended");
        assertThat(spec.path("restartNonce").asInt()).isEqualTo(7);
    }

    /**
     * A starting policy given in values reaches the job unchanged: the job's own default policy, with a
     * new version and holdout share, goes through Helm into a ConfigMap that is mounted where
     * moments.policy.file points.
     */
    @Test
    void startingPolicyDocumentIsMountedAsTheJobsPolicyFile() throws IOException {
        Path shipped = Chart.repoRoot().resolve("job/src/main/resources/policies/default-policy.json");
        Assumptions.assumeTrue(Files.isRegularFile(shipped), "the job's default policy is at " + shipped);
        ObjectNode policy = (ObjectNode) Chart.JSON.readTree(Files.readString(shipped));
        policy.put("version", "spring-sale-3");
        policy.put("holdoutPercent", 20);
        ObjectNode values = Chart.JSON.createObjectNode();
        values.putObject("moments").putObject("policy").set("document", policy);
        Path valuesFile = Path.of("target", "policy-values.yaml").toAbsolutePath();
        Files.createDirectories(valuesFile.getParent());
        Chart.YAML.writeValue(valuesFile.toFile(), values);

        Chart.Rendered r = Chart.template(List.of(valuesFile.toString()), Map.of());
        JsonNode spec = spec(r);
        assertThat(spec.path("flinkConfiguration").path("moments.policy.file").asText()).isEqualTo("/opt/moments/policy/policy.json");
        JsonNode cm = r.all("ConfigMap").stream()
                .filter(c -> c.path("metadata").path("name").asText().equals("moments-policy")).findFirst().orElseThrow();
        JsonNode mounted = Chart.JSON.readTree(cm.path("data").path("policy.json").asText());
        assertThat(mounted.path("version").asText()).isEqualTo("spring-sale-3");
        assertThat(mounted.path("holdoutPercent").asInt()).isEqualTo(20);
        // the whole document, numbers included, survives the trip through Helm
        assertThat(normalizeNumbers(mounted)).isEqualTo(normalizeNumbers(policy));

        JsonNode pod = spec.path("podTemplate");
        assertThat(pod.path("metadata").path("annotations").path("checksum/policy").asText()).hasSize(64);
        assertThat(pod.path("spec").path("volumes")).anySatisfy(v -> {
            assertThat(v.path("name").asText()).isEqualTo("policy");
            assertThat(v.path("configMap").path("name").asText()).isEqualTo("moments-policy");
        });
        assertThat(mainContainer(spec).path("volumeMounts")).anySatisfy(m -> {
            assertThat(m.path("name").asText()).isEqualTo("policy");
            assertThat(m.path("mountPath").asText()).isEqualTo("/opt/moments/policy");
        });
    }

    /**
     * Fitted label weights given in values reach the job unchanged: a label-weights/v1 document goes
     * through Helm into a ConfigMap mounted where moments.labels.weights points; without one the job
     * keeps its hand-set impulses and nothing is mounted.
     */
    @Test
    void labelWeightsDocumentIsMountedAsTheJobsWeightsFile() throws IOException {
        assertThat(conf(Chart.template()).has("moments.labels.weights")).isFalse();
        ObjectNode weights = Chart.JSON.createObjectNode().put("schema", "label-weights/v1")
                .put("description", "fitted on the spring rated set");
        weights.putObject("impulses").put("dwell.hesitation.base", 0.03).put("dwell.hesitation.per-minute", 0.17);
        ObjectNode values = Chart.JSON.createObjectNode();
        values.putObject("moments").putObject("labels").set("weightsDocument", weights);
        Path valuesFile = Path.of("target", "label-weights-values.yaml").toAbsolutePath();
        Files.createDirectories(valuesFile.getParent());
        Chart.YAML.writeValue(valuesFile.toFile(), values);

        Chart.Rendered r = Chart.template(List.of(valuesFile.toString()), Map.of());
        JsonNode spec = spec(r);
        assertThat(spec.path("flinkConfiguration").path("moments.labels.weights").asText())
                .isEqualTo("/opt/moments/labels/weights.json");
        JsonNode cm = r.all("ConfigMap").stream()
                .filter(c -> c.path("metadata").path("name").asText().equals("moments-label-weights")).findFirst().orElseThrow();
        assertThat(normalizeNumbers(Chart.JSON.readTree(cm.path("data").path("weights.json").asText())))
                .isEqualTo(normalizeNumbers(weights));
        JsonNode pod = spec.path("podTemplate");
        assertThat(pod.path("metadata").path("annotations").path("checksum/label-weights").asText()).hasSize(64);
        assertThat(pod.path("spec").path("volumes")).anySatisfy(v -> {
            assertThat(v.path("name").asText()).isEqualTo("label-weights");
            assertThat(v.path("configMap").path("name").asText()).isEqualTo("moments-label-weights");
        });
        assertThat(mainContainer(spec).path("volumeMounts")).anySatisfy(m -> {
            assertThat(m.path("name").asText()).isEqualTo("label-weights");
            assertThat(m.path("mountPath").asText()).isEqualTo("/opt/moments/labels");
        });
    }

    /** Helm reads numbers as floats and writes whole ones without a fraction: compare numbers by value. */
    private static JsonNode normalizeNumbers(JsonNode node) {
        if (node.isNumber()) {
            double d = node.asDouble();
            return d == Math.rint(d) ? Chart.JSON.getNodeFactory().numberNode((long) d) : Chart.JSON.getNodeFactory().numberNode(d);
        }
        if (node.isObject()) {
            ObjectNode copy = Chart.JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), normalizeNumbers(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = Chart.JSON.createArrayNode();
            node.forEach(n -> copy.add(normalizeNumbers(n)));
            return copy;
        }
        return node;
    }

    @Test
    void existingServiceAccountIsUsedWithoutRbac() {
        Map<String, Object> sets = Map.of("serviceAccount.create", false, "serviceAccount.name", "flink");
        Chart.Rendered r = Chart.template(List.of(), sets);
        assertThat(spec(r).path("serviceAccount").asText()).isEqualTo("flink");
        assertThat(r.kinds()).doesNotContain("ServiceAccount", "Role", "RoleBinding");
    }
}
