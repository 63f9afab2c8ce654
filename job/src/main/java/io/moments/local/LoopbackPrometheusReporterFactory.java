package io.moments.local;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.util.NetUtils;

import java.util.Properties;

/**
 * {@code metrics.reporter.prom.factory.class: io.moments.local.LoopbackPrometheusReporterFactory}
 * with {@code metrics.reporter.prom.port: 9249-9260}: a Prometheus endpoint on 127.0.0.1.
 */
public final class LoopbackPrometheusReporterFactory implements MetricReporterFactory {

    /**
     * The Prometheus reporter of {@code flink-conf/config.yaml} (a reporter's options are named after it, so Flink
     * has no constant for them).
     */
    public static final ConfigOption<String> PROMETHEUS_FACTORY = ConfigOptions.key("metrics.reporter.prom.factory.class")
            .stringType().noDefaultValue();
    /** A port or a range ({@code 9249-9260}): the reporter takes the first free one. */
    public static final ConfigOption<String> PROMETHEUS_PORT = ConfigOptions.key("metrics.reporter.prom.port")
            .stringType().defaultValue("9249");

    /** Local runs serve Prometheus metrics on 127.0.0.1 only (clusters keep Flink's reporter on all interfaces). */
    public static void useIn(Configuration conf) {
        if (conf.contains(PROMETHEUS_FACTORY)) {
            conf.set(PROMETHEUS_FACTORY, LoopbackPrometheusReporterFactory.class.getName());
        }
    }

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        String ports = properties.getProperty("port", "9249");
        return new LoopbackPrometheusReporter(NetUtils.getPortRangeFromString(ports));
    }
}
