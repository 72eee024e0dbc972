package io.mcp.sessionstore.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who waits for new events of a session on this replica, and their wake-up: by an append here, or
 * by a NOTIFY of an append on another replica. Sessions are named by a digest of their id, as in
 * the NOTIFY payload: a session id is a bearer token and never goes over a channel in clear.
 */
@ApplicationScoped
public class StreamWakeups {

    private final Map<String, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

    /** Armed before the read it follows, so a wake-up during that read is not missed. */
    CompletableFuture<Void> arm(String sessionId) {
        CompletableFuture<Void> wakeup = new CompletableFuture<>();
        waiting.computeIfAbsent(digest(sessionId), key -> ConcurrentHashMap.newKeySet()).add(wakeup);
        return wakeup;
    }

    void disarm(String sessionId, CompletableFuture<Void> wakeup) {
        waiting.computeIfPresent(digest(sessionId), (key, set) -> {
            set.remove(wakeup);
            return set.isEmpty() ? null : set;
        });
    }

    void wake(String sessionId) {
        wakeDigest(digest(sessionId));
    }

    /** {@code digest}: as {@link #digest} gives it (the NOTIFY payload). */
    void wakeDigest(String digest) {
        Set<CompletableFuture<Void>> woken = waiting.remove(digest);
        if (woken != null) {
            woken.forEach(wakeup -> wakeup.complete(null));
        }
    }

    /** md5 hex, as PostgreSQL's md5(text) gives it: the same digest on both sides of the channel. */
    static String digest(String sessionId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(sessionId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
