package io.mcp.sessionstore.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A 500's log line masks credentials like every other log line, and its body names no class. */
class UnexpectedFailureLogTest {

    private final ProblemMappers mappers = new ProblemMappers(new ObjectMapper());

    @Test
    void unexpectedWhenCauseCarriesCredentialsThenLoggedMaskedWithErrorId() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(String.format(record.getMessage(), record.getParameters() == null ? new Object[0]
                        : record.getParameters()) + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ProblemMappers.class.getName());
        logger.addHandler(capture);
        try {
            IllegalStateException failure = new IllegalStateException("wrapped",
                    new RuntimeException("cannot use postgresql://admin:s3cret-pw@db.internal:5432/app password=hunter2"));
            Response response = mappers.unexpected(failure, null);
            assertEquals(500, response.getStatus());
            String body = String.valueOf(response.getEntity());
            assertFalse(body.contains("Exception") || body.contains("s3cret"), body);
        } finally {
            logger.removeHandler(capture);
        }
        String logged = String.join("\n", lines);
        assertTrue(logged.contains("unexpected failure, error id"), logged);
        assertTrue(logged.contains("RuntimeException") && logged.contains("***@db.internal"), logged);
        assertFalse(logged.contains("s3cret") || logged.contains("hunter2"), logged);
    }
}
