package io.mcp.sessionstore.common;

import java.util.regex.Pattern;

/** What a log line may say of a failure: its root cause, with credentials masked. */
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

    public static String mask(String text) {
        if (text == null) {
            return "";
        }
        String masked = URI_CREDENTIALS.matcher(text).replaceAll("***@");
        masked = PASSWORD_PARAMETER.matcher(masked).replaceAll("$1***");
        return BEARER.matcher(masked).replaceAll("$1***");
    }
}
