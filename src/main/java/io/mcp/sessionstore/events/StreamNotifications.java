package io.mcp.sessionstore.events;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.mcp.sessionstore.common.LogSafe;
import io.mcp.sessionstore.config.DatabaseUrl;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * LISTEN on the channel every append NOTIFYs, on a connection of its own, so that a replica
 * following a stream wakes up when another replica appends to it. Behind a transaction-mode pooler
 * a LISTEN never hears anything (the pooler hands the session back after each transaction): with
 * the prepared-statement cache off, the sign of one, it goes to DATABASE_URL_UNPOOLED, or is left
 * off, and followers read every poll interval.
 */
@ApplicationScoped
class StreamNotifications {

    private static final Logger LOG = Logger.getLogger(StreamNotifications.class);
    private static final long RECONNECT_MILLIS = 2000;

    private final StreamWakeups wakeups;
    private final EventsConfig config;
    private final Vertx vertx;
    private final Optional<String> reactiveUrl;
    private final Optional<String> username;
    private final Optional<String> password;
    private final Optional<String> sslMode;
    private final boolean statementCache;
    private final Optional<String> unpooledUrl;
    private volatile PgSubscriber subscriber;

    StreamNotifications(StreamWakeups wakeups, EventsConfig config, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> reactiveUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.datasource.reactive.postgresql.ssl-mode") Optional<String> sslMode,
            @ConfigProperty(name = "quarkus.datasource.reactive.cache-prepared-statements", defaultValue = "true")
            boolean statementCache,
            @ConfigProperty(name = "DATABASE_URL_UNPOOLED") Optional<String> unpooledUrl) {
        this.wakeups = wakeups;
        this.config = config;
        this.vertx = vertx;
        this.reactiveUrl = reactiveUrl;
        this.username = username;
        this.password = password;
        this.sslMode = sslMode;
        this.statementCache = statementCache;
        this.unpooledUrl = unpooledUrl.filter(url -> !url.isBlank());
    }

    void onStart(@Observes StartupEvent event) {
        Optional<PgConnectOptions> options = listenOptions();
        if (options.isEmpty()) {
            LOG.infof("MCP streams: no LISTEN (%s); replicas following a stream read it every %s",
                    config.listen() ? "the database is behind a pooler and DATABASE_URL_UNPOOLED is not set"
                            : "MCP_STREAM_LISTEN=false", config.followPollInterval());
            return;
        }
        PgSubscriber listening = PgSubscriber.subscriber(vertx, options.get())
                .reconnectPolicy(attempts -> Long.valueOf(RECONNECT_MILLIS));
        listening.channel(EventSql.CHANNEL).handler(wakeups::wakeDigest);
        listening.closeHandler(closed -> LOG.debug("MCP streams: the LISTEN connection closed"));
        subscriber = listening;
        listening.connect().onComplete(connected -> {
            if (connected.succeeded()) {
                LOG.infof("MCP streams: LISTEN %s on %s:%d", EventSql.CHANNEL, options.get().getHost(),
                        options.get().getPort());
            } else {
                LOG.warnf("MCP streams: LISTEN could not connect (%s); followers read every %s until it does",
                        LogSafe.reason(connected.cause()), config.followPollInterval());
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        PgSubscriber listening = subscriber;
        if (listening != null) {
            listening.close();
        }
    }

    private Optional<PgConnectOptions> listenOptions() {
        if (!config.listen() || reactiveUrl.isEmpty() || (!statementCache && unpooledUrl.isEmpty())) {
            return Optional.empty();
        }
        String url = unpooledUrl.map(direct -> DatabaseUrl.parse(direct).reactiveUrl()).orElse(reactiveUrl.get());
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        // its client meters beside the pool's (postgresql_*, clientName="listen"), not as unnamed m__* series
        options.setMetricsName("postgresql|listen");
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        sslMode.ifPresent(mode -> {
            options.setSslMode(SslMode.of(mode));
            if (mode.equals("allow") || mode.equals("prefer") || mode.equals("require")) {
                options.setTrustAll(true); // libpq checks no certificate below verify-ca
            }
        });
        return Optional.of(options);
    }
}
