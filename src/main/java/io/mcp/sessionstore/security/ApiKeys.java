package io.mcp.sessionstore.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * The accepted keys, held only as SHA-256 digests and compared in constant time: every configured
 * key is compared, equal-length digests, no early exit. A key's id (the first 12 hex digits of its
 * digest) names it in logs and ownership checks without revealing it.
 */
@ApplicationScoped
public class ApiKeys {

    static final String NO_KEYS_MESSAGE = "MCP_API_KEYS is empty: set at least one API key "
            + "(comma-separated), or MCP_AUTH_ENABLED=false to run without authentication on a trusted network";
    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    /** An accepted key as held: its digest, and whether it opens everything or only the MCP endpoints. */
    private record Accepted(byte[] digest, boolean clientOnly) {
    }

    /** Who a presented key is: the id that names it (logs, session ownership) and its reach. */
    public record Identity(String keyId, boolean clientOnly) {
    }

    private final ApiKeyConfig config;
    private volatile List<Accepted> accepted = List.of();

    public ApiKeys(ApiKeyConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        List<String> keys = trimmed(config.apiKeys());
        List<String> clientKeys = trimmed(config.clientKeys());
        if (keys.isEmpty() && clientKeys.isEmpty() && config.authEnabled()) {
            if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
                throw new IllegalStateException(NO_KEYS_MESSAGE);
            }
            keys = List.of(DevApiKey.loadOrCreate());
        }
        if (!config.authEnabled()) {
            LOG.warn("API key authentication is disabled (MCP_AUTH_ENABLED=false): anyone who reaches this service can use it");
        }
        List<Accepted> all = new java.util.ArrayList<>();
        keys.forEach(key -> all.add(new Accepted(digest(key), false)));
        clientKeys.forEach(key -> all.add(new Accepted(digest(key), true)));
        accepted = List.copyOf(all);
        LOG.infof("API key authentication %s with %d key(s) and %d MCP client key(s)",
                config.authEnabled() ? "enabled" : "disabled", keys.size(), clientKeys.size());
    }

    private static List<String> trimmed(java.util.Optional<List<String>> keys) {
        return keys.orElse(List.of()).stream().map(String::trim).filter(key -> !key.isEmpty()).toList();
    }

    public boolean enabled() {
        return config.authEnabled();
    }

    /** Who the key is, or null when it matches none. */
    public Identity identify(String presented) {
        byte[] candidate = digest(presented);
        Identity match = null;
        for (Accepted key : accepted) {
            if (MessageDigest.isEqual(key.digest(), candidate)) {
                match = new Identity(HexFormat.of().formatHex(key.digest(), 0, 6), key.clientOnly());
            }
        }
        return match;
    }

    static byte[] digest(String key) {
        return SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
    }

    /** One digest per thread, rather than a provider lookup per request (docs/design-notes.md). */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
}
