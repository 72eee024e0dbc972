package io.mcp.sessionstore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.ServiceProcess;

/**
 * The switch of span export, on the packaged service: with OTEL_EXPORTER_OTLP_ENDPOINT set, spans
 * are recorded and the exporter connects there (a listening socket stands in for the collector: the
 * connection is what is checked, not OTLP). Without it, LogJsonIT sees {@code "sampled":"false"}.
 */
class TracingExportIT {

    @Test
    void requestWhenOtlpEndpointSetThenSpansRecordedAndExporterConnects() throws Exception {
        try (ServerSocket collector = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ServiceProcess service = new ServiceProcess("tracing-export", Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getLocalPort(),
                        "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms"))) {
            int logStart = service.log().length();
            service.start();
            assertEquals(200, service.status("/sessions"));
            collector.setSoTimeout(20_000); // the deadline: the export goes within 100 ms of the span's end
            try (Socket exporter = collector.accept()) {
                assertTrue(exporter.isConnected());
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the OTLP exporter never connected; log:\n" + service.log().substring(logStart));
            }
            assertTrue(service.log().substring(logStart).contains("Tracing: spans recorded"), service.log());
        }
    }
}
