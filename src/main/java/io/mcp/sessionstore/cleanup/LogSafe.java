package io.mcp.sessionstore.cleanup;

import java.util.regex.Pattern;

/** A failure's reason as a log line may carry it: root cause, no credentials. */
public final class LogSafe {

    private static final Pattern URI_CREDENTIALS = Pattern.compile("(?<=://)[^/@\\s]+@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password\\s*[=:]\\s*)\\S+");

    private LogSafe() {
    }

    public static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        message = URI_CREDENTIALS.matcher(message).replaceAll("***@");
        message = PASSWORD_PARAMETER.matcher(message).replaceAll("$1***");
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
