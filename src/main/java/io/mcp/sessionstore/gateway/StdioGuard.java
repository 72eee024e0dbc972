package io.mcp.sessionstore.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes "no child outlives its gateway" hold for servers that do not exit on end-of-file: a
 * stdio server may keep running after its stdin closed (server-everything waits 60 s on a roots/list
 * it sent), so a gateway killed with SIGKILL would leave it behind. The command runs under a small
 * POSIX shell guard that relays the gateway's pipe to it through a FIFO; when that pipe ends (the
 * gateway closed it, or died), the guard closes the child's stdin, then after the bound sends
 * SIGTERM, then SIGKILL: the MCP lifecycle's shutdown, done by a process that outlives the gateway.
 * Without /bin/sh (a shell-less image) the command runs directly.
 */
final class StdioGuard {

    static final Path SHELL = Path.of("/bin/sh");

    /** $1: the bound in seconds; the rest: the command. Exits with the child's status. */
    private static final String SCRIPT = """
            bound=$1; shift
            dir=$(mktemp -d "${TMPDIR:-/tmp}/mcp-stdio.XXXXXX") || exit 70
            mkfifo "$dir/stdin" || { rmdir "$dir"; exit 70; }
            "$@" < "$dir/stdin" &
            child=$!
            trap 'kill -TERM "$child" 2>/dev/null' TERM INT
            cat > "$dir/stdin"
            rm -rf "$dir"
            ( sleep "$bound"; kill -TERM "$child" 2>/dev/null; sleep "$bound"; kill -KILL "$child" 2>/dev/null ) \
                </dev/null >/dev/null 2>&1 &
            stopper=$!
            wait "$child"; status=$?
            kill "$stopper" 2>/dev/null
            exit $status
            """;

    private StdioGuard() {
    }

    /** The command line that runs {@code command} under the guard, or the command itself without a shell. */
    static List<String> guarded(List<String> command, Duration bound) {
        if (!Files.isExecutable(SHELL)) {
            return command;
        }
        List<String> guarded = new ArrayList<>(List.of(SHELL.toString(), "-c", SCRIPT, "mcp-stdio-guard",
                String.valueOf(Math.max(1, (bound.toMillis() + 999) / 1000))));
        guarded.addAll(command);
        return guarded;
    }
}
