package io.mcp.sessionstore.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpServer;

/**
 * The authorization server of the OAuth tests, as far as a resource server sees one: a key pair
 * (RSA, and EC), its JWK Set served from 127.0.0.1 at {@code <issuer>/.well-known/jwks.json}, and
 * tokens signed with it. Every token it mints is remembered, for the tests that grep logs for them.
 */
public final class TestAuthorizationServer implements AutoCloseable {

    public static final String RSA_KEY_ID = "test-rsa-1";
    public static final String EC_KEY_ID = "test-ec-1";
    private static final List<String> MINTED = new CopyOnWriteArrayList<>();

    private final int port;
    private final PublicJsonWebKey rsa;
    private final PublicJsonWebKey ec;
    private final AtomicInteger keyRequests = new AtomicInteger();
    private HttpServer server;

    public TestAuthorizationServer() {
        this.port = ServiceProcess.freePort();
        this.rsa = newRsaKey(RSA_KEY_ID);
        try {
            this.ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
        this.ec.setKeyId(EC_KEY_ID);
    }

    /** A key pair of the right kind that this server does not publish: what a forger signs with. */
    public static PublicJsonWebKey newRsaKey(String keyId) {
        try {
            PublicJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(keyId);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts serving the JWK Set (again, after {@link #stop()}: same port, same keys). */
    public synchronized TestAuthorizationServer start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JsonWebKeySet(rsa, ec).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> {
            keyRequests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(jwks);
            }
        });
        server.start();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public String issuer() {
        return "http://127.0.0.1:" + port;
    }

    /** How many times the JWK Set was fetched. */
    public int keyRequests() {
        return keyRequests.get();
    }

    /** Every token minted in this JVM so far. */
    public static List<String> minted() {
        return List.copyOf(MINTED);
    }

    /** Claims as this issuer would put them in an access token for {@code subject}, valid five minutes. */
    public JwtClaims claims(String subject, String audience) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer());
        claims.setSubject(subject);
        claims.setAudience(audience);
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setClaim("scope", "mcp");
        return claims;
    }

    /** A valid RS256 access token of {@code subject} for {@code audience}. */
    public String token(String subject, String audience) {
        return sign(claims(subject, audience));
    }

    /** Signed RS256 with this server's published RSA key. */
    public String sign(JwtClaims claims) {
        return sign(claims, rsa, AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    /** Signed ES256 with this server's published EC key. */
    public String signEs256(JwtClaims claims) {
        return sign(claims, ec, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    }

    /** Signed with any key and algorithm, its key id in the header. */
    public static String sign(JwtClaims claims, PublicJsonWebKey key, String algorithm) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setHeader("typ", "at+jwt");
        return remember(jws);
    }

    /** Signed with a shared secret (HS256): what a forger who read the JWK Set and picked HMAC sends. */
    public static String signHs256(JwtClaims claims, byte[] secret) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(new org.jose4j.keys.HmacKey(secret));
        jws.setKeyIdHeaderValue(RSA_KEY_ID);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        return remember(jws);
    }

    private static String remember(JsonWebSignature jws) {
        try {
            String token = jws.getCompactSerialization();
            MINTED.add(token);
            return token;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
