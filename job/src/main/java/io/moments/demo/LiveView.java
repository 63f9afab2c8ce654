package io.moments.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.moments.insights.InsightTable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * A small web page, served on 127.0.0.1, that shows live sessions: the trajectory of each label
 * across the session's moments, the friction moments and label crossings that triggered them, and
 * what was decided. It reads only decision records (labels, never content).
 */
public final class LiveView implements AutoCloseable {

    private final HttpServer server;

    /** Windows and rows per dimension of the insights table on the page. */
    static final int INSIGHT_WINDOWS = 5;
    static final int INSIGHT_ROWS = 8;

    /** uPlot from its pinned WebJar (org.webjars.npm:uplot, the version in the pom), served from the jar: no CDN. */
    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

    /**
     * @param liftLines the lift/v1 rows so far (the page keeps the newest per slice)
     */
    public LiveView(int port, SessionBoard board, InsightTable insights, Supplier<List<String>> liftLines) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/api/sessions", exchange -> respond(exchange, 200, "application/json",
                board.json().getBytes(StandardCharsets.UTF_8)));
        server.createContext("/api/insights", exchange -> respond(exchange, 200, "application/json",
                insights.json(INSIGHT_WINDOWS, INSIGHT_ROWS).getBytes(StandardCharsets.UTF_8)));
        server.createContext("/api/lift", exchange -> respond(exchange, 200, "application/json",
                ("[" + String.join(",", liftLines.get()) + "]").getBytes(StandardCharsets.UTF_8)));
        server.createContext("/lib/", exchange -> {
            String file = exchange.getRequestURI().getPath().substring("/lib/".length());
            String type = file.equals("uPlot.iife.min.js") ? "text/javascript" : file.equals("uPlot.min.css") ? "text/css" : null;
            try (InputStream in = type == null ? null : LiveView.class.getClassLoader().getResourceAsStream(UPLOT + file)) {
                if (in == null) {
                    respond(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                } else {
                    respond(exchange, 200, type + "; charset=utf-8", in.readAllBytes());
                }
            }
        });
        server.createContext("/", exchange -> {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                respond(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            try (InputStream page = LiveView.class.getResourceAsStream("live.html")) {
                respond(exchange, 200, "text/html; charset=utf-8", page.readAllBytes());
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
