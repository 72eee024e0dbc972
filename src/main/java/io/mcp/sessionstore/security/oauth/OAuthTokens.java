package io.mcp.sessionstore.security.oauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

import io.mcp.sessionstore.common.LogSafe;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Bearer JWTs from the configured issuer, checked with smallrye-jwt's parser (signature against the
 * issuer's JWK Set, {@code exp}, {@code iat}, {@code iss}), then the audience against the route and a
 * subject required. A valid token's owner id stands for its subject wherever an API key's id would.
 * Off, and never touching the network, unless MCP_OAUTH_ISSUER is set.
 */
@ApplicationScoped
public class OAuthTokens {

    /** Where the metadata is served (open to anyone): the gateway's own document, and one per route under it. */
    public static final String METADATA_PATH = "/.well-known/oauth-protected-resource";
    private static final Logger LOG = Logger.getLogger(OAuthTokens.class);
    /** Asymmetric signatures only: a shared secret (HS*) or none would let anyone who has the JWK Set sign. */
    private static final Set<SignatureAlgorithm> ALGORITHMS = Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.RS384,
            SignatureAlgorithm.RS512, SignatureAlgorithm.PS256, SignatureAlgorithm.PS384, SignatureAlgorithm.PS512,
            SignatureAlgorithm.ES256, SignatureAlgorithm.ES384, SignatureAlgorithm.ES512);
    /** Keys are fetched again this often, and kept this long when the issuer cannot be reached (minutes). */
    private static final int KEYS_REFRESH_MINUTES = 60;

    /** What is checked once OAuth is on: the issuer, the resource, and a parser holding the fetched keys. */
    private record Active(String issuer, String jwksUrl, ProtectedResource resource, DefaultJWTParser parser) {
    }

    private final OAuthConfig config;
    private volatile Active active;

    public OAuthTokens(OAuthConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        Optional<String> issuer = config.issuer().map(String::trim).filter(value -> !value.isEmpty());
        if (issuer.isEmpty()) {
            return;
        }
        String audience = config.audience().map(String::trim).filter(value -> !value.isEmpty())
                .orElseThrow(() -> new IllegalStateException("MCP_OAUTH_ISSUER is set without MCP_OAUTH_AUDIENCE: "
                        + "set it to the gateway's public URL (https://mcp.example.com), the audience its tokens must name"));
        ProtectedResource resource = ProtectedResource.of(audience,
                config.authorizationServer().map(String::trim).filter(value -> !value.isEmpty()).orElse(issuer.get()));
        String jwksUrl = config.jwksUrl().map(String::trim).filter(value -> !value.isEmpty())
                .orElse(issuer.get().replaceAll("/+$", "") + "/.well-known/jwks.json");
        if (!jwksUrl.startsWith("https://") && !jwksUrl.startsWith("http://")) {
            throw new IllegalStateException("MCP_OAUTH_JWKS_URL must be an http(s) URL: " + jwksUrl);
        }
        active = new Active(issuer.get(), jwksUrl, resource, new DefaultJWTParser(context(issuer.get(), jwksUrl),
                new DefaultJWTCallerPrincipalFactory()));
        LOG.infof("OAuth access tokens accepted on the MCP routes: issuer %s, audience %s, signing keys from %s",
                issuer.get(), audience, jwksUrl);
    }

    private JWTAuthContextInfo context(String issuer, String jwksUrl) {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setIssuedBy(issuer);
        context.setPublicKeyLocation(jwksUrl);
        context.setSignatureAlgorithm(ALGORITHMS);
        context.setClockSkew((int) config.clockSkew().toSeconds());
        context.setJwksRefreshInterval(KEYS_REFRESH_MINUTES);
        context.setJwksRetainCacheOnErrorDuration(KEYS_REFRESH_MINUTES);
        context.setRelaxVerificationKeyValidation(false); // RSA keys of 2048 bits or more
        context.setExpectedAudience(null); // checked per route below
        return context;
    }

    public boolean enabled() {
        return active != null;
    }

    /** A JWT has three dot-separated parts (header, claims, signature); an API key never needs two dots. */
    public static boolean isJwt(String token) {
        int first = token.indexOf('.');
        int second = first < 1 ? -1 : token.indexOf('.', first + 1);
        return second > first + 1 && second < token.length() - 1 && token.indexOf('.', second + 1) < 0;
    }

    /** Where the 401 challenge on a route points a client to (OAuth on only). */
    public String metadataUrl(String route) {
        return active.resource().metadataUrl(route);
    }

    /** The RFC 9728 document for a route (null: the gateway's own), empty when OAuth is off. */
    public Optional<ProtectedResourceMetadata> metadata(String route) {
        Active current = active;
        return current == null ? Optional.empty() : Optional.of(current.resource().metadata(route));
    }

    /**
     * The owner id of a valid token sent to a route (/mcp, /mcp/<serverId>), or InvalidTokenException /
     * SigningKeysUnavailableException. Checked on a worker thread, since the parser may fetch the issuer's
     * keys (first token, hourly refresh, an unknown key id) with a blocking call; answered on the caller's
     * event loop.
     */
    public Uni<String> owner(String token, String route) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Uni.createFrom().item(() -> verify(token, route));
        }
        return Uni.createFrom().completionStage(() -> context.<String>executeBlocking(() -> verify(token, route), false)
                .toCompletionStage());
    }

    private String verify(String token, String route) {
        Active current = active;
        JsonWebToken jwt;
        try {
            jwt = current.parser().parse(token);
        } catch (ParseException e) {
            if (keysUnreachable(e)) {
                LOG.warnf("OAuth signing keys could not be fetched from %s: %s", current.jwksUrl(), LogSafe.reason(e));
                throw new SigningKeysUnavailableException();
            }
            throw new InvalidTokenException(reason(e));
        }
        Set<String> audiences = jwt.getAudience();
        if (audiences == null || audiences.stream().noneMatch(audience -> current.resource().accepts(audience, route))) {
            throw new InvalidTokenException("the access token is for another audience");
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new InvalidTokenException("the access token names no subject (sub)");
        }
        return ownerOf(current.issuer(), subject);
    }

    /** What a client can act on (get a new token, or one from the right issuer), and nothing of the token. */
    private static String reason(ParseException failure) {
        if (failure.getCause() instanceof InvalidJwtException invalid) {
            if (invalid.hasExpired()) {
                return "the access token has expired";
            }
            if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
                return "the access token is from another issuer";
            }
        }
        return "the access token is not valid: not signed by a key of the issuer, or malformed";
    }

    /** Only the first fetch fails this way: later refreshes that fail keep the keys already fetched. */
    private static boolean keysUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * "oauth:" and 24 hex digits of SHA-256 over issuer and subject: one owner per subject of an issuer
     * (subjects are unique only within their issuer), fitting the 32 characters of sessions.owner_key,
     * and no subject (often an e-mail address) stored in a row.
     */
    static String ownerOf(String issuer, String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((issuer + "\n" + subject).getBytes(StandardCharsets.UTF_8));
            return "oauth:" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
