package io.mcp.sessionstore.bench.report;

import java.util.Locale;

/** The keys runs.tsv and run.properties name enum constants by: the constant's name in lower case. */
final class EnumKeys {

    private EnumKeys() {
    }

    static String key(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant with this key exactly; IllegalArgumentException naming the key when none has it. */
    static <E extends Enum<E>> E of(Class<E> type, String key) {
        for (E constant : type.getEnumConstants()) {
            if (key(constant).equals(key)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(key);
    }
}
