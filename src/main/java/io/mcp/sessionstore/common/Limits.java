package io.mcp.sessionstore.common;

/** The one parser for {@code limit} query parameters: absent means the default, else 1..max. */
public final class Limits {

    private Limits() {
    }

    public static int parse(String text, int defaultLimit, int max) {
        if (text == null || text.isBlank()) {
            return defaultLimit;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, as any other value out of range
        }
        throw new InvalidInputException("invalid-query", "limit must be between 1 and " + max);
    }
}
