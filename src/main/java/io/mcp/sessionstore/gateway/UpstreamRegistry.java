package io.mcp.sessionstore.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.mcp.sessionstore.config.DevDirectory;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * The configured upstreams and the cipher for what the gateway keeps of their sessions, read and
 * checked at start: a mistake fails the start with a message naming the entry and the field.
 */
@ApplicationScoped
public class UpstreamRegistry {

    static final String NO_KEY_MESSAGE = "MCP_UPSTREAMS is set but MCP_GATEWAY_KEY is empty: set one or more "
            + "base64 AES-256 keys (openssl rand -base64 32), comma-separated; the first encrypts";
    private static final Logger LOG = Logger.getLogger(UpstreamRegistry.class);

    private final GatewayConfig config;
    private volatile Map<String, Upstream> upstreams = Map.of();
    private volatile SessionCipher cipher;

    public UpstreamRegistry(GatewayConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        Map<String, Upstream> byId = new LinkedHashMap<>();
        read().forEach(upstream -> byId.put(upstream.id(), upstream));
        upstreams = Collections.unmodifiableMap(byId); // in configuration order, as the status page lists them
        if (byId.isEmpty()) {
            return;
        }
        cipher = SessionCipher.fromBase64Keys(keys());
        byId.values().forEach(upstream -> io.mcp.sessionstore.common.LogFields.log(LOG, Logger.Level.INFO, null,
                upstream.id(), "MCP gateway upstream %s (%s) at /mcp/%s, timeout %s",
                upstream.id(), upstream.transport().configName(), upstream.id(), upstream.timeout()));
    }

    /** Empty when no upstream has this id (the route then answers 404). */
    public Optional<Upstream> find(String id) {
        return Optional.ofNullable(upstreams.get(id));
    }

    public List<Upstream> all() {
        return List.copyOf(upstreams.values());
    }

    /** The cipher of upstream session ids; only there when upstreams are configured. */
    public SessionCipher cipher() {
        return cipher;
    }

    private List<Upstream> read() {
        UpstreamsParser environment = new UpstreamsParser("MCP_UPSTREAMS", System::getenv);
        if (config.upstreams().isPresent() && !config.upstreams().get().isBlank()) {
            return environment.parse(config.upstreams().get());
        }
        if (config.upstreamsFile().isEmpty() || config.upstreamsFile().get().isBlank()) {
            return List.of();
        }
        Path file = Path.of(config.upstreamsFile().get().trim());
        try {
            return new UpstreamsParser("MCP_UPSTREAMS_FILE " + file, System::getenv).parse(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("MCP_UPSTREAMS_FILE " + file + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
    }

    private List<String> keys() {
        List<String> keys = config.keys().orElse(List.of()).stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
        if (!keys.isEmpty()) {
            return keys;
        }
        return switch (LaunchMode.current()) {
            case NORMAL -> throw new IllegalStateException(NO_KEY_MESSAGE);
            case DEVELOPMENT -> List.of(DevGatewayKey.loadOrCreate(DevDirectory.path().resolve("gateway-key")));
            default -> List.of(SessionCipher.newKey()); // a test run's sessions need not outlive it
        };
    }
}
