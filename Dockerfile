# syntax=docker/dockerfile:1
# Moments image: the official Flink image (Flink 2.2.1, Java 17) plus the shaded job jar. The models
# ship inside the jar (moments-models is shaded in, linux-x86_64 natives only), so the image is
# linux/amd64.
#
#   ./mvnw -B -ntp -pl job -am package -DskipTests     # builds job/target/moments-job.jar
#   docker build --platform linux/amd64 -t moments:0.1.0 .
#
# The Helm chart (helm/moments) runs it with the Flink Kubernetes Operator; see docs/operations.md.
# The FROM tag follows <flink.version> in pom.xml (checked by helm/src/test/.../DockerfileTest).
FROM flink:2.2.1-java17

# Filesystem plugins for checkpoint, savepoint and HA storage, moved from opt/ into plugins/ at build
# time. (The image's ENABLE_BUILT_IN_PLUGINS does this at start-up instead, which needs a writable
# root filesystem; the chart runs with a read-only one.) Space-separated; "" for none.
ARG FLINK_FS_PLUGINS="flink-s3-fs-presto"

# The Prometheus reporter ships in plugins/metrics-prometheus of the Flink 2.x distribution; make
# sure it is there (older layouts kept it in opt/), so that
# metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
# is loadable. The build fails if a plugin jar is missing.
RUN set -eu; \
    cd "$FLINK_HOME"; \
    if ! ls plugins/metrics-prometheus/flink-metrics-prometheus-*.jar >/dev/null 2>&1; then \
      mkdir -p plugins/metrics-prometheus; \
      cp opt/flink-metrics-prometheus-*.jar plugins/metrics-prometheus/; \
    fi; \
    for plugin in $FLINK_FS_PLUGINS; do \
      mkdir -p "plugins/$plugin"; \
      cp "opt/$plugin-"*.jar "plugins/$plugin/"; \
    done; \
    ls plugins/metrics-prometheus/flink-metrics-prometheus-*.jar

# The job (owned by root, read-only for the flink user) and its logging for runs outside the
# operator (the operator mounts its own conf/, with the chart's log4j-console.properties).
COPY job/target/moments-job.jar /opt/flink/usrlib/moments-job.jar
COPY flink-conf/log4j-console.properties /opt/flink/conf/log4j-console.properties

# DJL unpacks native libraries into its cache: keep it under /tmp (an emptyDir in the chart) and
# never download anything at run time.
ENV DJL_CACHE_DIR=/tmp/djl

LABEL org.opencontainers.image.title="moments" \
      org.opencontainers.image.description="Moments: emotion labels, friction moments and personalization decisions on Apache Flink" \
      org.opencontainers.image.base.name="docker.io/library/flink:2.2.1-java17"

# The official image's flink user (uid/gid 9999); numeric so that Kubernetes can check runAsNonRoot.
USER 9999:9999
