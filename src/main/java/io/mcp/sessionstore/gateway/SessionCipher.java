package io.mcp.sessionstore.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts what the gateway keeps of an upstream that is a bearer token to it (the upstream's session
 * id) with AES-256-GCM. MCP_GATEWAY_KEY holds one or more 32-byte keys in base64, comma-separated:
 * the first encrypts, every one decrypts, so a key is rotated by putting the new one first. A sealed
 * value is {@code key id (4 bytes) | nonce (12) | ciphertext and tag}; the associated data binds it
 * to its session and upstream, so a value copied to another row does not open.
 */
public final class SessionCipher {

    private static final int KEY_BYTES = 32;
    private static final int KEY_ID_BYTES = 4;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One Cipher per thread, initialized again for each value (a fresh nonce each time): getInstance
     * looks the provider up, a cost paid on every gateway message otherwise; a Cipher is not
     * thread-safe.
     */
    private static final ThreadLocal<Cipher> AES_GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    private record Key(byte[] id, SecretKeySpec spec) {
    }

    private final List<Key> keys;

    private SessionCipher(List<Key> keys) {
        this.keys = keys;
    }

    /** From MCP_GATEWAY_KEY's value; the message of a failure never repeats a key. */
    public static SessionCipher fromBase64Keys(List<String> encodedKeys) {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < encodedKeys.size(); i++) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(encodedKeys.get(i).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("MCP_GATEWAY_KEY: key " + (i + 1) + " is not base64");
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("MCP_GATEWAY_KEY: key " + (i + 1) + " has " + key.length
                        + " bytes; AES-256 needs 32 (openssl rand -base64 32)");
            }
            keys.add(new Key(keyId(key), new SecretKeySpec(key, "AES")));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("MCP_GATEWAY_KEY holds no key");
        }
        return new SessionCipher(List.copyOf(keys));
    }

    /** A new random key, base64: what dev mode generates and what {@code openssl rand -base64 32} gives. */
    public static String newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** The id of the key that encrypts, as sealed values carry it (hex). */
    public String currentKeyId() {
        return HexFormat.of().formatHex(keys.getFirst().id());
    }

    public byte[] seal(String plaintext, String sessionId, String serverId) {
        Key key = keys.getFirst();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = AES_GCM.get();
            cipher.init(Cipher.ENCRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(sessionId, serverId));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(KEY_ID_BYTES + NONCE_BYTES + sealed.length).put(key.id()).put(nonce).put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Throws IllegalArgumentException when no configured key opens it for this session and upstream. */
    public String open(byte[] sealed, String sessionId, String serverId) {
        if (sealed == null || sealed.length < KEY_ID_BYTES + NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("not a sealed value");
        }
        for (Key key : keys) {
            if (MessageDigest.isEqual(key.id(), java.util.Arrays.copyOf(sealed, KEY_ID_BYTES))) {
                try {
                    Cipher cipher = AES_GCM.get();
                    cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, sealed, KEY_ID_BYTES,
                            NONCE_BYTES));
                    cipher.updateAAD(associatedData(sessionId, serverId));
                    byte[] plain = cipher.doFinal(sealed, KEY_ID_BYTES + NONCE_BYTES, sealed.length - KEY_ID_BYTES
                            - NONCE_BYTES);
                    return new String(plain, StandardCharsets.UTF_8);
                } catch (javax.crypto.AEADBadTagException e) {
                    throw new IllegalArgumentException("the sealed value does not belong to this session and upstream");
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("AES-GCM is not available", e);
                }
            }
        }
        throw new IllegalArgumentException("no configured MCP_GATEWAY_KEY has key id "
                + HexFormat.of().formatHex(sealed, 0, KEY_ID_BYTES));
    }

    /**
     * What one replica shows another to be served a stdio child it holds: an HMAC of a fixed label
     * under the first key, so only processes that share MCP_GATEWAY_KEY have it and it names no key.
     */
    public String replicaToken() {
        return replicaToken(keys.getFirst());
    }

    /** A token made with any configured key: replicas mid-rotation still reach each other. */
    public boolean isReplicaToken(String token) {
        if (token == null) {
            return false;
        }
        byte[] given = token.getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (Key key : keys) {
            match |= MessageDigest.isEqual(given, replicaToken(key).getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    private static String replicaToken(Key key) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.spec().getEncoded(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal("mcp-session-store replica".getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] associatedData(String sessionId, String serverId) {
        return (sessionId + "\u0000" + serverId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] keyId(byte[] key) {
        try {
            return java.util.Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key), KEY_ID_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
