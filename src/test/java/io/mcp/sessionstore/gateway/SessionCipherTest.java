package io.mcp.sessionstore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class SessionCipherTest {

    private final String oldKey = SessionCipher.newKey();
    private final String newKey = SessionCipher.newKey();

    @Test
    void sealWhenOpenedForTheSameSessionAndUpstreamThenPlaintextAndNeverInTheSealedBytes() {
        SessionCipher cipher = SessionCipher.fromBase64Keys(List.of(oldKey));
        byte[] sealed = cipher.seal("upstream-session-4db59aac", "client-1", "everything");
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("upstream-session"));
        assertEquals("upstream-session-4db59aac", cipher.open(sealed, "client-1", "everything"));
        assertNotEquals(new String(sealed, StandardCharsets.ISO_8859_1),
                new String(cipher.seal("upstream-session-4db59aac", "client-1", "everything"), StandardCharsets.ISO_8859_1),
                "a fresh nonce every time");
    }

    @Test
    void openWhenCopiedToAnotherSessionOrUpstreamOrTamperedThenRefused() {
        SessionCipher cipher = SessionCipher.fromBase64Keys(List.of(oldKey));
        byte[] sealed = cipher.seal("token", "client-1", "everything");
        assertThrows(IllegalArgumentException.class, () -> cipher.open(sealed, "client-2", "everything"));
        assertThrows(IllegalArgumentException.class, () -> cipher.open(sealed, "client-1", "other"));
        sealed[sealed.length - 1] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> cipher.open(sealed, "client-1", "everything"));
        assertThrows(IllegalArgumentException.class, () -> cipher.open(new byte[3], "client-1", "everything"));
    }

    /** Each thread reuses its Cipher: a refused value or another key before must not spoil the next. */
    @Test
    void sealAndOpenWhenInterleavedWithRefusalsOnManyThreadsThenEachValueOpensToItsOwnPlaintext() throws Exception {
        SessionCipher first = SessionCipher.fromBase64Keys(List.of(oldKey));
        SessionCipher second = SessionCipher.fromBase64Keys(List.of(newKey));
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> opened = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                opened.add(threads.submit(() -> {
                    int count = 0;
                    for (int i = 0; i < 500; i++) {
                        String plain = "upstream-" + thread + "-" + i;
                        SessionCipher cipher = i % 2 == 0 ? first : second;
                        byte[] sealed = cipher.seal(plain, "client-" + i, "everything");
                        assertThrows(IllegalArgumentException.class, () -> cipher.open(sealed, "client-x", "everything"));
                        assertEquals(plain, cipher.open(sealed, "client-" + i, "everything"));
                        count++;
                    }
                    return count;
                }));
            }
            for (java.util.concurrent.Future<Integer> each : opened) {
                assertEquals(500, each.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void rotateWhenNewKeyPutFirstThenOldValuesStillOpenAndNewOnesUseTheNewKey() {
        byte[] old = SessionCipher.fromBase64Keys(List.of(oldKey)).seal("token", "c", "s");
        SessionCipher rotated = SessionCipher.fromBase64Keys(List.of(newKey, oldKey));
        assertEquals("token", rotated.open(old, "c", "s"));
        byte[] fresh = rotated.seal("token", "c", "s");
        assertThrows(IllegalArgumentException.class, () -> SessionCipher.fromBase64Keys(List.of(oldKey)).open(fresh, "c", "s"));
        assertNotEquals(SessionCipher.fromBase64Keys(List.of(oldKey)).currentKeyId(), rotated.currentKeyId());
    }

    @Test
    void keysWhenNotBase64OrNot32BytesThenRefusedWithoutRepeatingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SessionCipher.fromBase64Keys(List.of("bm90LWEta2V5")));
        assertTrue(e.getMessage().contains("32") && !e.getMessage().contains("bm90LWEta2V5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SessionCipher.fromBase64Keys(List.of("***")));
        assertThrows(IllegalArgumentException.class, () -> SessionCipher.fromBase64Keys(List.of()));
    }

    @Test
    void replicaTokenWhenSharedKeysThenAcceptedMidRotationAndRefusedByOthers() {
        String old = SessionCipher.newKey();
        String rotated = SessionCipher.newKey();
        SessionCipher before = SessionCipher.fromBase64Keys(List.of(old));
        SessionCipher after = SessionCipher.fromBase64Keys(List.of(rotated, old));
        assertTrue(after.isReplicaToken(before.replicaToken()), "a replica not yet rotated still reaches one that is");
        assertTrue(after.isReplicaToken(after.replicaToken()));
        SessionCipher stranger = SessionCipher.fromBase64Keys(List.of(SessionCipher.newKey()));
        assertFalse(stranger.isReplicaToken(before.replicaToken()), "another deployment's token");
        assertFalse(before.isReplicaToken(null));
        assertFalse(before.replicaToken().contains(old), "the token is no key");
    }
}
