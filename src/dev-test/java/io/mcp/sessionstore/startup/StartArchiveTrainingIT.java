package io.mcp.sessionstore.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mcp.sessionstore.testing.ServiceProcess;

/**
 * The JVM image's start archive, made as docker/Dockerfile.jvm makes it (StartArchiveTraining on the
 * packaged service, its own embedded PostgreSQL), then used by the packaged service on the tests'
 * database: the JVM maps it (-Xshare:on fails a start that cannot), and the application's own classes
 * come from it, which is what the aot-jar packaging is for (Quarkus' own class loader would load them
 * from the jars whatever the archive holds).
 */
class StartArchiveTrainingIT {

    private static final Path APP = Path.of("target", "quarkus-app");
    private static final long TRAINING_SECONDS = 180;

    @Test
    void archiveWhenMadeFromAWholeStartThenTheServiceStartsOnItWithItsOwnClassesShared(@TempDir Path directory)
            throws Exception {
        Path archive = directory.resolve("app-cds.jsa");
        Path output = directory.resolve("training.log");
        String classPath = String.join(File.pathSeparator, APP.resolve("app/*").toString(),
                Path.of("target", "start-archive-training", "*").toString(), APP.resolve("lib/boot/*").toString(),
                APP.resolve("lib/main/*").toString());
        Process training = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", classPath,
                StartArchiveTraining.class.getName(), archive.toString(), APP.resolve("quarkus-run.jar").toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertTrue(training.waitFor(TRAINING_SECONDS, TimeUnit.SECONDS), "the training ended within "
                    + TRAINING_SECONDS + " s");
            assertEquals(0, training.exitValue(), "the training's exit status; its output: " + Files.readString(output));
        } finally {
            training.destroyForcibly();
        }
        assertTrue(Files.size(archive) > 0, "an archive was written");

        try (ServiceProcess service = new ServiceProcess("start-archive", Map.of())
                .jvmOptions("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info")
                .start()) {
            assertEquals(404, service.status("/sessions/no-such-session"), "the service answers on the archive");
            String log = service.log();
            assertTrue(log.contains("io.mcp.sessionstore.session.SessionResource source: shared objects file (top)"),
                    "the application's classes come from the archive (its top layer): "
                            + log.lines().filter(line -> line.contains("io.mcp.sessionstore.session.SessionResource "))
                                    .findFirst().orElse("SessionResource was not loaded"));
        }
    }
}
