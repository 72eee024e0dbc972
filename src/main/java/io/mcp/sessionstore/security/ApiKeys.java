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

    private final ApiKeyConfig config;
    private volatile List<byte[]> digests = List.of();

    public ApiKeys(ApiKeyConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        List<String> keys = config.apiKeys().orElse(List.of()).stream()
                .map(String::trim).filter(key -> !key.isEmpty()).toList();
        if (keys.isEmpty() && config.authEnabled()) {
            if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
                throw new IllegalStateException(NO_KEYS_MESSAGE);
            }
            keys = List.of(DevApiKey.loadOrCreate());
        }
        if (!config.authEnabled()) {
            LOG.warn("API key authentication is disabled (MCP_AUTH_ENABLED=false): anyone who reaches this service can use it");
        }
        digests = keys.stream().map(ApiKeys::digest).toList();
        LOG.infof("API key authentication %s with %d key(s)", config.authEnabled() ? "enabled" : "disabled",
                digests.size());
    }

    public boolean enabled() {
        return config.authEnabled();
    }

    /** The id of the matching key, or null when the key matches none. */
    public String identify(String presented) {
        byte[] candidate = digest(presented);
        String match = null;
        for (byte[] accepted : digests) {
            if (MessageDigest.isEqual(accepted, candidate)) {
                match = HexFormat.of().formatHex(accepted, 0, 6);
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
