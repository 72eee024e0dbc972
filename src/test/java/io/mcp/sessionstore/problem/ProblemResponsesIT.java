package io.mcp.sessionstore.problem;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same HTTP suite against the packaged application. */
@QuarkusIntegrationTest
class ProblemResponsesIT extends ProblemResponsesTest {
}
