package io.moments.local;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.Iterator;

/**
 * Flink's Prometheus reporter, but listening on 127.0.0.1 only: for local runs (demo, tests), where
 * nothing outside the machine should reach it. Clusters use Flink's own reporter, which listens on
 * all interfaces so Prometheus can scrape the pods.
 */
public final class LoopbackPrometheusReporter extends AbstractPrometheusReporter {

    private final HTTPServer server;

    LoopbackPrometheusReporter(Iterator<Integer> ports) {
        CollectorRegistry registry = registry();
        HTTPServer started = null;
        int bound = -1;
        while (ports.hasNext() && started == null) {
            int candidate = ports.next();
            try {
                started = new HTTPServer(new InetSocketAddress("127.0.0.1", candidate), registry, true);
                bound = candidate;
            } catch (IOException portInUse) {
                log.debug("port {} in use, trying the next", candidate);
            }
        }
        if (started == null) {
            throw new IllegalStateException("no free port for the Prometheus endpoint in the configured range");
        }
        server = started;
        log.info("Prometheus metrics on http://127.0.0.1:{}/metrics", bound);
    }

    @Override
    public void close() {
        server.stop();
        super.close();
    }

    /** The registry the base reporter fills; it is package-private there, so read it reflectively. */
    private CollectorRegistry registry() {
        try {
            Field field = AbstractPrometheusReporter.class.getDeclaredField("registry");
            field.setAccessible(true);
            return (CollectorRegistry) field.get(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("unexpected flink-metrics-prometheus version", e);
        }
    }
}
