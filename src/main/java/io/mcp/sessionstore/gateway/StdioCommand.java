package io.mcp.sessionstore.gateway;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a stdio upstream runs: the program and its arguments, the environment variables it gets on top
 * of the few every child inherits (values resolved from the gateway's environment: secrets, never
 * logged), and its working directory (null: the gateway's).
 */
public record StdioCommand(List<String> command, Map<String, String> environment, Path workingDirectory) {

    public StdioCommand {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /** Safe to log: the program, not its arguments (they may hold a token) nor the environment's values. */
    @Override
    public String toString() {
        return "command=" + command.getFirst() + " (+" + (command.size() - 1) + " arguments), env=" + environment.keySet()
                + (workingDirectory == null ? "" : ", cwd=" + workingDirectory);
    }
}
