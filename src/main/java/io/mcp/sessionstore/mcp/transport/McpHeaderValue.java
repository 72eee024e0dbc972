package io.mcp.sessionstore.mcp.transport;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Header values that mirror body fields (2026-07-28): plain visible ASCII, or {@code =?base64?...?=}
 * around the Base64 of the UTF-8 value when it cannot be sent plain.
 */
public final class McpHeaderValue {

    private static final String PREFIX = "=?base64?";
    private static final String SUFFIX = "?=";

    private McpHeaderValue() {
    }

    /** The value the header carries, or null when its Base64 form is malformed. */
    public static String decode(String header) {
        if (!header.startsWith(PREFIX) || !header.endsWith(SUFFIX) || header.length() < PREFIX.length() + SUFFIX.length()) {
            return header;
        }
        String encoded = header.substring(PREFIX.length(), header.length() - SUFFIX.length());
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }
}
