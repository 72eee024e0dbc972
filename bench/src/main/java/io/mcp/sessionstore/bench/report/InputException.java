package io.mcp.sessionstore.bench.report;

import java.nio.file.Path;

/**
 * Unreadable or malformed input. The message always names the file (and the line when there is one),
 * because the operator's next step is to open that file.
 */
final class InputException extends Exception {

    private static final long serialVersionUID = 1L;

    InputException(Path file, int line, String problem) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem);
    }

    InputException(Path file, String problem) {
        this(file, 0, problem);
    }

    InputException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
