package io.mcp.sessionstore.telemetry;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Spans recorded and kept in memory (testing.InMemorySpans), none exported over OTLP: the exporter is
 * left out of this profile's build, so nothing connects to a collector that is not there.
 */
public class RecordingSpans implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tracing.record", "true",
                "quarkus.otel.exporter.otlp.enabled", "false",
                "quarkus.otel.bsp.schedule.delay", "50ms");
    }
}
