package io.mcp.sessionstore.telemetry;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Whether spans are recorded. Env: MCP_TRACING (see ConfigAliases). */
@ConfigMapping(prefix = "tracing")
public interface TracingConfig {

    /**
     * {@code true}: spans are recorded and handed to the exporters; {@code false}: none is (span
     * contexts and trace ids still exist, unsampled). Unset: recorded exactly when an OTLP endpoint is
     * configured ({@code OTEL_EXPORTER_OTLP_ENDPOINT}), so that with none nothing tries to export.
     */
    Optional<Boolean> record();
}
