package io.mcp.sessionstore.config;

import java.nio.file.Path;

/** Where dev mode keeps its own state: .mcp-dev/ beside pom.xml (quarkus:dev may run in target/). */
public final class DevDirectory {

    private DevDirectory() {
    }

    public static Path path() {
        Path workingDirectory = Path.of("").toAbsolutePath();
        Path project = workingDirectory.getFileName() != null && workingDirectory.getFileName().toString().equals("target")
                ? workingDirectory.getParent() : workingDirectory;
        return project.resolve(".mcp-dev");
    }
}
