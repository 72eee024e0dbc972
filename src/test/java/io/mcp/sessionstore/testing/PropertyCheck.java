package io.mcp.sessionstore.testing;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs a property: {@code tries} inputs from a {@link Generator}, each checked. The seed is the
 * caller's fixed one unless {@code -Dpbt.seed=N} (or {@code random}) says otherwise; a failure names
 * the property, the seed, the try and the input, and every run prints its tries, seed and the
 * labels its checks returned, so that what was covered is visible in the test output.
 */
public final class PropertyCheck {

    private PropertyCheck() {
    }

    /** The seed to use: {@code -Dpbt.seed} when set ("random" for a fresh one), else {@code fixed}. */
    public static long seed(long fixed) {
        String chosen = System.getProperty("pbt.seed");
        if (chosen == null || chosen.isBlank()) {
            return fixed;
        }
        return chosen.equals("random") ? new Random().nextLong() : Long.parseLong(chosen.trim());
    }

    /**
     * Checks every input; {@code check} throws on a violation and returns a label to count (or null).
     * Returns the label counts.
     */
    public static <T> Map<String, Integer> forAll(String name, int tries, long fixedSeed, Generator<T> inputs,
            Function<? super T, String> describe, Function<? super T, String> check) {
        long seed = seed(fixedSeed);
        Random random = new Random(seed);
        Map<String, Integer> labels = new TreeMap<>();
        long started = System.nanoTime();
        for (int i = 1; i <= tries; i++) {
            T input = inputs.next(random);
            String label;
            try {
                label = check.apply(input);
            } catch (AssertionError | RuntimeException | StackOverflowError failure) {
                throw new AssertionError("property " + name + " failed at try " + i + " of " + tries + " (seed " + seed
                        + ", re-run with -Dpbt.seed=" + seed + "): " + failure.getMessage() + "\n  input: "
                        + describe.apply(input), failure);
            }
            if (label != null) {
                labels.merge(label, 1, Integer::sum);
            }
        }
        System.out.printf("property %s: %d tries, seed %d, %d ms, %s%n", name, tries, seed,
                (System.nanoTime() - started) / 1_000_000, labels);
        return labels;
    }

    /** Text for a failure message: its length and its first 300 characters, non-printable ones escaped. */
    public static String describe(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        text.chars().limit(300).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                : String.format("\\u%04x", c)));
        return text.length() + " chars: " + out + (text.length() > 300 ? "..." : "");
    }
}
