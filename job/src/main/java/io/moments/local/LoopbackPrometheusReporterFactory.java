package io.moments.local;

import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.util.NetUtils;

import java.util.Properties;

/**
 * {@code metrics.reporter.prom.factory.class: io.moments.local.LoopbackPrometheusReporterFactory}
 * with {@code metrics.reporter.prom.port: 9249-9260}: a Prometheus endpoint on 127.0.0.1.
 */
public final class LoopbackPrometheusReporterFactory implements MetricReporterFactory {

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        String ports = properties.getProperty("port", "9249");
        return new LoopbackPrometheusReporter(NetUtils.getPortRangeFromString(ports));
    }
}
