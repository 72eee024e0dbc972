package io.mcp.sessionstore.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts the fault suite's sections (target/reliability/*.md, one per fault that ran) together into
 * one page: {@code ReliabilityReport OUT} (the faults profile runs it after the suite, with OUT
 * docs/reliability.md unless -Dreliability.out says otherwise). Fails when no section is there.
 */
public final class ReliabilityReport {

    private ReliabilityReport() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/reliability.md");
        List<Path> sections;
        try (Stream<Path> files = Files.exists(FaultSection.DIRECTORY) ? Files.list(FaultSection.DIRECTORY) : Stream.empty()) {
            sections = files.filter(file -> file.toString().endsWith(".md")).sorted().toList();
        }
        if (sections.isEmpty()) {
            throw new IllegalStateException("no section in " + FaultSection.DIRECTORY + ": did the fault suite run?");
        }
        StringBuilder page = new StringBuilder("""
                # Reliability

                Written by the fault suite (`./mvnw verify -Pfaults`, README "Fault suite") on %s, from
                the figures of that one run. Each fault drives load against the packaged service
                (`target/quarkus-app`, its own process, configured by environment variables) on one
                machine with 2 cores, PostgreSQL included (fsync and synchronous commit on), loopback
                only. The load: 8 client threads back to back, each on sessions of its own, creating
                sessions (`PUT` with `If-None-Match: *`), recording activity and appending events; a
                client that gets a 503 or no answer sends its next request to the next replica at once. Every write is
                booked as acknowledged (2xx) or not, and audited in the database afterwards: an
                acknowledged write must be there (lost: must be 0), nothing may be there twice or
                without having been sent (must be 0). A write whose client got a 503 or no answer may
                have committed all the same (the database went away after the commit and before the
                answer); those are counted apart. Times are measured from the fault to the first
                answer that shows the change.

                """.formatted(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))));
        for (Path section : sections) {
            page.append(Files.readString(section)).append('\n');
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, page.toString().stripTrailing() + "\n");
        System.out.println("wrote " + out + " (" + sections.size() + " sections)");
    }
}
