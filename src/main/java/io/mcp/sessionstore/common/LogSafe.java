package io.mcp.sessionstore.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What a log line or a span may say: of a failure its root cause, with credentials masked; of a
 * session its fingerprint, never its id (a bearer token: whoever reads it can use the session).
 */
public final class LogSafe {

    private static final Pattern URI_CREDENTIALS = Pattern.compile("(?<=://)[^/@\\s]+@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password\\s*[=:]\\s*)\\S+");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)\\S+");

    private LogSafe() {
    }

    /** The innermost cause (a cause that is its own cause ends the walk). */
    public static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** "ConnectException: Connection refused: db/10.0.0.5:5432", credentials masked. */
    public static String reason(Throwable failure) {
        Throwable root = rootCause(failure);
        String message = mask(root.getMessage());
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** Every cause from the outermost in, each masked, joined: the detail a 500's log line carries. */
    public static String causes(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!chain.isEmpty()) {
                chain.append(" <- ");
            }
            String message = mask(t.getMessage());
            chain.append(t.getClass().getName()).append(message.isEmpty() ? "" : ": " + message);
        }
        return chain.toString();
    }

    /**
     * The first 16 hex digits of the SHA-256 of a session id: the same for every line and span of the
     * session, and what an operator computes from an id to find them
     * ({@code printf %s "$id" | sha256sum | cut -c1-16}); null stays null.
     */
    public static String fingerprint(String sessionId) {
        if (sessionId == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String mask(String text) {
        if (text == null) {
            return "";
        }
        String masked = URI_CREDENTIALS.matcher(text).replaceAll("***@");
        masked = PASSWORD_PARAMETER.matcher(masked).replaceAll("$1***");
        return BEARER.matcher(masked).replaceAll("$1***");
    }
}
