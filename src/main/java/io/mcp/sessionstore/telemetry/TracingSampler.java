package io.mcp.sessionstore.telemetry;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.jboss.logging.Logger;

import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * The switch of span export. Quarkus always builds its OTLP exporter (its
 * {@code quarkus.otel.exporter.otlp.enabled} and the sampler are fixed at build time), and an empty
 * endpoint does not turn it off: it falls back to localhost:4317 (quarkus#44200). So the choice is
 * made here, at run time, as the sampler the SDK takes from CDI: with no endpoint nothing is
 * sampled, the exporter is handed no span and never connects. Span contexts still exist, unsampled:
 * log lines carry trace ids and upstreams still get a {@code traceparent} in the client's trace.
 */
@ApplicationScoped
public class TracingSampler {

    private static final Logger LOG = Logger.getLogger(TracingSampler.class);
    /** The exporter's own names only: OTEL_EXPORTER_OTLP_ENDPOINT reaches the second through application.properties. */
    static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.traces.endpoint",
            "quarkus.otel.exporter.otlp.endpoint");
    /** application.properties is 250, the environment 300; the extension's own default sits far below. */
    private static final int SET_BY_SOMEONE = 100;

    @Produces
    @ApplicationScoped
    Sampler sampler(TracingConfig tracing, Config config) {
        boolean record = tracing.record().orElseGet(() -> endpointSet(config));
        LOG.infof("Tracing: spans %s", record ? "recorded (parent-based)" : "not recorded (no OTEL_EXPORTER_OTLP_ENDPOINT)");
        return record ? Sampler.parentBased(Sampler.alwaysOn()) : Sampler.alwaysOff();
    }

    static boolean endpointSet(Config config) {
        for (String name : ENDPOINTS) {
            ConfigValue value = config.getConfigValue(name);
            if (value.getValue() != null && !value.getValue().isBlank() && value.getSourceOrdinal() >= SET_BY_SOMEONE) {
                return true;
            }
        }
        return false;
    }
}
