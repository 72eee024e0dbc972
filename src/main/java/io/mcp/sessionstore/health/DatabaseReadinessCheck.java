package io.mcp.sessionstore.health;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.mcp.sessionstore.db.DatabaseOutcomes;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness: DOWN while the database cannot be reached, UP again by itself when it answers.
 * HEALTH_DB_PROBE=active pings it (one ping per HEALTH_DB_PROBE_CACHE at most); passive trusts
 * recent traffic and pings only after a failure, so an idle service lets Neon scale to zero.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "database";

    private record Probe(boolean up, Instant at) {
    }

    private final SessionStats stats;
    private final DatabaseOutcomes health;
    private final HealthConfig config;
    private final AtomicReference<Probe> lastProbe = new AtomicReference<>();

    public DatabaseReadinessCheck(SessionStats stats, DatabaseOutcomes health, HealthConfig config) {
        this.stats = stats;
        this.health = health;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        String mode = config.dbProbe().name().toLowerCase();
        if (config.dbProbe() == HealthConfig.DbProbe.PASSIVE && health.lastKnownUp()) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).up().withData("probe", mode)
                    .withData("lastSuccess", String.valueOf(health.lastSuccess())).build());
        }
        Probe cached = lastProbe.get();
        Instant lastFailure = health.lastFailure();
        boolean fresh = cached != null && cached.at().plus(config.dbProbeCache()).isAfter(Instant.now())
                && (lastFailure == null || cached.at().isAfter(lastFailure)); // a failure seen since makes it stale
        Uni<Probe> probe = fresh
                ? Uni.createFrom().item(cached)
                : stats.ping(config.dbTimeout())
                        .map(ignored -> new Probe(true, Instant.now()))
                        // the reason stays in the log: this endpoint is open, and names no host or user
                        .onFailure().recoverWithItem(failure -> new Probe(false, Instant.now()))
                        .invoke(lastProbe::set);
        return probe.map(result -> HealthCheckResponse.named(NAME).status(result.up()).withData("probe", mode)
                .withData("database", result.up() ? "connected" : "disconnected").build());
    }
}
