package io.mcp.sessionstore.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A source of generated test inputs, drawn from a seeded {@link Random} so that a seed reproduces
 * every input ({@link PropertyCheck} runs them). Small on purpose: what the property tests need
 * (choices, weights, ranges, lists, text of every UTF-16 unit), no shrinking.
 */
@FunctionalInterface
public interface Generator<T> {

    T next(Random random);

    /** A generator with its relative weight, for {@link #frequency}. */
    record Weighted<T>(int weight, Generator<? extends T> generator) {
    }

    static <T> Weighted<T> weight(int weight, Generator<? extends T> generator) {
        return new Weighted<>(weight, generator);
    }

    default <R> Generator<R> map(Function<? super T, ? extends R> f) {
        return random -> f.apply(next(random));
    }

    default <R> Generator<R> flatMap(Function<? super T, Generator<? extends R>> f) {
        return random -> f.apply(next(random)).next(random);
    }

    /** Null (an absent member) with this probability. */
    default Generator<T> orNull(double probability) {
        return random -> random.nextDouble() < probability ? null : next(random);
    }

    default Generator<T> filter(Predicate<? super T> keep) {
        return random -> {
            for (int i = 0; i < 10_000; i++) {
                T value = next(random);
                if (keep.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("the filter kept nothing in 10,000 draws");
        };
    }

    default Generator<List<T>> list(int minSize, int maxSize) {
        return random -> {
            int size = minSize + random.nextInt(maxSize - minSize + 1);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(random));
            }
            return values;
        };
    }

    static <T> Generator<T> constant(T value) {
        return random -> value;
    }

    @SafeVarargs
    static <T> Generator<T> of(T... values) {
        return random -> values[random.nextInt(values.length)];
    }

    @SafeVarargs
    static <T> Generator<T> oneOf(Generator<? extends T>... generators) {
        return random -> generators[random.nextInt(generators.length)].next(random);
    }

    @SafeVarargs
    static <T> Generator<T> frequency(Weighted<T>... choices) {
        int total = 0;
        for (Weighted<T> choice : choices) {
            total += choice.weight();
        }
        int sum = total;
        return random -> {
            int pick = random.nextInt(sum);
            for (Weighted<T> choice : choices) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.generator().next(random);
                }
            }
            throw new IllegalStateException();
        };
    }

    /** min..max inclusive, uniform. */
    static Generator<Integer> between(int min, int max) {
        return random -> (int) (min + (long) (random.nextDouble() * ((long) max - min + 1)));
    }

    /** Any int, the edges (0, ±1, MIN, MAX) one time in five. */
    static Generator<Integer> ints() {
        return frequency(weight(4, Random::nextInt), weight(1, of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE)));
    }

    /** Any long, the edges one time in five (just past the int range too). */
    static Generator<Long> longs() {
        return frequency(weight(4, Random::nextLong), weight(1, of(Long.MIN_VALUE, Long.MAX_VALUE,
                (long) Integer.MAX_VALUE + 1, (long) Integer.MIN_VALUE - 1)));
    }

    static Generator<Boolean> booleans() {
        return Random::nextBoolean;
    }

    static Generator<byte[]> bytes(int maxLength) {
        return random -> {
            byte[] bytes = new byte[random.nextInt(maxLength + 1)];
            random.nextBytes(bytes);
            return bytes;
        };
    }

    /** Any UTF-16 unit: lone surrogates, controls and noncharacters included, ASCII one time in two. */
    static Generator<Character> anyChar() {
        return frequency(weight(2, random -> (char) random.nextInt(0x80)), weight(1, random -> (char) random.nextInt(0x10000)),
                weight(1, of('\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\ufeff', '\ufffe', '\uffff', '\u2028', '\u00e9')));
    }

    static Generator<Character> charsOf(String alphabet) {
        return random -> alphabet.charAt(random.nextInt(alphabet.length()));
    }

    static Generator<String> strings(Generator<Character> chars, int minLength, int maxLength) {
        return chars.list(minLength, maxLength).map(list -> {
            StringBuilder text = new StringBuilder(list.size());
            list.forEach(text::append);
            return text.toString();
        });
    }

    static <T> Generator<List<T>> shuffled(List<T> values) {
        return random -> {
            List<T> copy = new ArrayList<>(values);
            Collections.shuffle(copy, random);
            return copy;
        };
    }
}
