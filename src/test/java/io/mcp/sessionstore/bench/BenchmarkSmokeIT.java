package io.mcp.sessionstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Runs the benchmark's smoke mode ({@code bench/run --smoke}) against the service this build just
 * packaged, so that the benchmark cannot rot: it must exit 0 and print a table row with numbers for
 * every scenario. Plain JUnit, run by maven-failsafe after {@code package}; the benchmark starts its
 * own PostgreSQL and the packaged service, and stops both.
 *
 * <p>Skipped on anything but Linux (the benchmark uses the OS's PostgreSQL, wrk and pgbench, installed
 * with apt-get when missing), where those tools are missing and cannot be installed, and with
 * {@code -Dbench.smoke.skip=true}.
 */
class BenchmarkSmokeIT {

    /** Smoke mode takes about a minute; the rest is for apt-get on a fresh machine and slow disks. */
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    /** The first words of the row each scenario must have in the printed table. */
    private static final List<String> ROWS = List.of("1 GET", "1h GET", "2 POST", "3 POST", "4 service",
            "4 baseline", "5a POST", "5r replay", "6 start-up");

    /** bench/run's exit status when a tool it needs is missing and apt-get cannot install it. */
    private static final int TOOLS_UNAVAILABLE = 77;

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?(x|%)?");

    @Test
    void smokeModeMeasuresEveryScenario() throws Exception {
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"),
                "the benchmark runs on Linux only");
        assumeFalse(Boolean.getBoolean("bench.smoke.skip"), "skipped with -Dbench.smoke.skip=true");

        Path root = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path script = root.resolve("bench/run");
        Path jar = root.resolve("target/quarkus-app/quarkus-run.jar");
        Path out = root.resolve("target/bench-smoke");
        assertTrue(Files.isRegularFile(script), "no benchmark script at " + script);
        assertTrue(Files.isRegularFile(jar), "no packaged service at " + jar + " (failsafe runs after package)");
        Files.createDirectories(out);
        Path errors = out.resolve("bench-run.log");

        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "--smoke", "--jar", jar.toString(),
                "--out", out.toString());
        builder.directory(root.toFile());
        builder.environment().remove("DATABASE_URL"); // always the benchmark's own PostgreSQL
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.redirectError(errors.toFile());
        Process process = builder.start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));

        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroy(); // SIGTERM: the script's trap stops what it started
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            fail("bench/run --smoke did not finish within " + DEADLINE + "\n" + tail(errors));
        }
        String table = stdout.get(30, TimeUnit.SECONDS);
        assumeFalse(process.exitValue() == TOOLS_UNAVAILABLE,
                "the benchmark's tools (wrk, pgbench, gnuplot, PostgreSQL) are missing and could not be installed:\n"
                        + tail(errors));
        assertEquals(0, process.exitValue(), "bench/run --smoke failed\n" + tail(errors) + "\n" + table);

        List<String> missing = new ArrayList<>();
        for (String row : ROWS) {
            boolean found = table.lines()
                    .filter(line -> line.startsWith("| " + row))
                    .anyMatch(BenchmarkSmokeIT::hasNumbers);
            if (!found) {
                missing.add(row);
            }
        }
        assertTrue(missing.isEmpty(), "no row with numbers for " + missing + " in:\n" + table);
        assertTrue(Files.size(out.resolve("benchmarks.md")) > 0, "benchmarks.md not written");
        assertTrue(Files.size(out.resolve("benchmarks.png")) > 0, "benchmarks.png not written");
    }

    /** Every cell after the label is a number (or "-", where a ratio does not apply), and one is positive. */
    private static boolean hasNumbers(String line) {
        String[] cells = line.split("\\|");
        List<String> values = Arrays.stream(cells).skip(2).map(String::trim).filter(cell -> !cell.isEmpty()).toList();
        if (values.isEmpty()) {
            return false;
        }
        boolean positive = false;
        for (String value : values) {
            if (value.equals("-")) {
                continue;
            }
            if (!NUMBER.matcher(value).matches()) {
                return false;
            }
            positive |= Double.parseDouble(value.replaceAll("[x%]$", "")) > 0;
        }
        return positive;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read the output: " + e + ")";
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
