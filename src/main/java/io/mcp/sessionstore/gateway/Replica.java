package io.mcp.sessionstore.gateway;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.LaunchMode;

/**
 * This gateway process among its replicas: a name that is random per start (a restarted process
 * takes its own old calls and children over like any other replica's), and the URL the others
 * forward to it at.
 */
@ApplicationScoped
class Replica {

    private final String id = UUID.randomUUID().toString();
    private final String url;

    Replica(GatewayConfig config) {
        String base = config.replicaUrl().map(String::trim).filter(value -> !value.isEmpty())
                .orElseGet(() -> "http://" + host() + ":" + port());
        this.url = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The pod's address in Kubernetes (the manifests set POD_IP from status.podIP), else loopback. */
    private static String host() {
        String podIp = ConfigProvider.getConfig().getOptionalValue("POD_IP", String.class).orElse("").trim();
        return podIp.isEmpty() ? "127.0.0.1" : podIp.contains(":") ? "[" + podIp + "]" : podIp;
    }

    /** The HTTP port this process listens on (tests listen on their own). */
    private static int port() {
        boolean test = LaunchMode.current() == LaunchMode.TEST;
        return ConfigProvider.getConfig().getOptionalValue(test ? "quarkus.http.test-port" : "quarkus.http.port",
                Integer.class).orElse(test ? 8081 : 8080);
    }

    String id() {
        return id;
    }

    /** Where the other replicas reach this one; without a trailing slash. */
    String url() {
        return url;
    }
}
