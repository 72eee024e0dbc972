package io.mcp.sessionstore.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.mcp.sessionstore.testing.Processes;

/**
 * Runs src/test/node/ui/status-page.mjs: Playwright's playwright-core (npm, pinned in the lock file)
 * driving Debian's Chromium (installed by .ci/run). Started and stopped by pid, with its browser.
 */
final class StatusPageBrowser {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    static final Path NODE_DIR = Path.of("src/test/node");
    static final Path PLAYWRIGHT = NODE_DIR.resolve("node_modules/playwright-core/package.json");
    private static final long DEADLINE_SECONDS = 120;

    private StatusPageBrowser() {
    }

    /** For {@code @EnabledIf}: where Chromium and the npm modules are, and always in CI (where their absence fails). */
    static boolean installedOrCi() {
        return installed() || System.getenv("CI") != null;
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.exists(PLAYWRIGHT);
    }

    static JsonNode run(List<String> arguments) throws IOException {
        if (!installed()) {
            throw new AssertionError(CHROMIUM + " or " + PLAYWRIGHT + " is missing: .ci/run installs Debian's chromium "
                    + "and npm ci --prefix " + NODE_DIR + " installs playwright-core");
        }
        Path screenshots = Path.of(arguments.get(2));
        Files.createDirectories(screenshots);
        Path output = Files.createTempFile("status-page-", ".json");
        Path errors = Files.createTempFile("status-page-", ".log");
        List<String> command = new ArrayList<>(List.of("node", NODE_DIR.resolve("ui/status-page.mjs").toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
        try {
            boolean ended = process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
            if (!ended || process.exitValue() != 0) {
                throw new AssertionError("the browser run " + (ended ? "failed" : "did not end in " + DEADLINE_SECONDS
                        + " s") + ": " + Files.readString(errors, StandardCharsets.UTF_8));
            }
            return StatusPageTest.parse(Files.readString(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly); // a browser left by a killed script
            Processes.stop(process);
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }
}
