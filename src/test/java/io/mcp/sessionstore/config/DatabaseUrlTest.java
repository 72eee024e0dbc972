package io.mcp.sessionstore.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void parseWhenNeonUrlThenJdbcAndReactiveWithCredentialsAndSsl() {
        DatabaseUrl url = DatabaseUrl.parse(
                "postgresql://alex:AbC123dEf@ep-cool-darkness-123456.us-east-2.aws.neon.tech/dbname?sslmode=require");
        Map<String, String> properties = url.datasourceProperties();
        assertEquals("jdbc:postgresql://ep-cool-darkness-123456.us-east-2.aws.neon.tech:5432/dbname?sslmode=require",
                properties.get("quarkus.datasource.jdbc.url"));
        assertEquals("postgresql://ep-cool-darkness-123456.us-east-2.aws.neon.tech:5432/dbname",
                properties.get("quarkus.datasource.reactive.url"));
        assertEquals("alex", properties.get("quarkus.datasource.username"));
        assertEquals("AbC123dEf", properties.get("quarkus.datasource.password"));
        assertEquals("require", properties.get("quarkus.datasource.reactive.postgresql.ssl-mode"));
        assertEquals("true", properties.get("quarkus.datasource.reactive.trust-all"));
    }

    @Test
    void parseWhenPostgresSchemeWithPortAndNoSslThenNoSslProperties() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://user:pw@db.internal:6543/sessions");
        assertEquals(6543, url.port());
        assertEquals("jdbc:postgresql://db.internal:6543/sessions", url.jdbcUrl());
        assertFalse(url.datasourceProperties().containsKey("quarkus.datasource.reactive.postgresql.ssl-mode"));
    }

    @Test
    void parseWhenNoPasswordThenNoPasswordProperty() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://reader@localhost/app");
        assertEquals(Optional.of("reader"), url.username());
        assertEquals(Optional.empty(), url.password());
        assertEquals(5432, url.port());
        assertFalse(url.datasourceProperties().containsKey("quarkus.datasource.password"));
    }

    @Test
    void parseWhenNoUserInfoAndNoDatabaseThenLibpqDefaults() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://localhost");
        assertEquals(Optional.empty(), url.username());
        assertEquals("postgres", url.database());
        assertEquals("postgresql://localhost:5432/postgres", url.reactiveUrl());
    }

    @Test
    void parseWhenDatabaseMissingThenUserNameIsDatabase() {
        assertEquals("alice", DatabaseUrl.parse("postgresql://alice:pw@localhost:5432").database());
    }

    @Test
    void parseWhenPasswordPercentEncodedThenDecodedAndPlusKept() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u%40corp:p%3Aw%2Fd%25+x@localhost/db");
        assertEquals(Optional.of("u@corp"), url.username());
        assertEquals(Optional.of("p:w/d%+x"), url.password());
    }

    @Test
    void parseWhenVerifyFullThenHostnameVerifiedAndNotTrustAll() {
        Map<String, String> properties = DatabaseUrl.parse("postgresql://u:p@h/db?sslmode=verify-full")
                .datasourceProperties();
        assertEquals("HTTPS", properties.get("quarkus.datasource.reactive.hostname-verification-algorithm"));
        assertFalse(properties.containsKey("quarkus.datasource.reactive.trust-all"));
        assertTrue(properties.get("quarkus.datasource.jdbc.url").endsWith("?sslmode=verify-full"));
    }

    @Test
    void parseWhenDisableThenPassedToBoth() {
        Map<String, String> properties = DatabaseUrl.parse("postgresql://u:p@h/db?sslmode=disable&connect_timeout=5")
                .datasourceProperties();
        assertEquals("disable", properties.get("quarkus.datasource.reactive.postgresql.ssl-mode"));
        assertEquals("jdbc:postgresql://h:5432/db?sslmode=disable", properties.get("quarkus.datasource.jdbc.url"));
    }

    @Test
    void parseWhenIpv6HostThenBracketed() {
        assertEquals("postgresql://[::1]:5432/db", DatabaseUrl.parse("postgresql://u@[::1]/db").reactiveUrl());
    }

    @Test
    void parseWhenNeonOptionsThenSentToBoth() {
        Map<String, String> properties = DatabaseUrl.parse("postgresql://u:p@h/db?options=endpoint%3Dep-abc")
                .datasourceProperties();
        assertEquals("endpoint=ep-abc", properties.get("quarkus.datasource.reactive.additional-properties.options"));
        assertEquals("jdbc:postgresql://h:5432/db?options=endpoint%3Dep-abc", properties.get("quarkus.datasource.jdbc.url"));
    }

    @Test
    void parseWhenInvalidThenMessageWithoutSecret() {
        for (String bad : new String[] {"mysql://u:s3cret@h/db", "postgresql://u:s3cret@/db",
                "postgresql://u:s3cr%ZZet@h/db", "postgresql://u:s3cret@h/db?sslmode=sometimes", "not a url s3cret", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse(bad), bad);
            assertTrue(e.getMessage().contains("DATABASE_URL"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        }
    }

    @Test
    void toStringWhenPasswordThenNotShown() {
        assertFalse(DatabaseUrl.parse("postgresql://u:hunter2@h/db").toString().contains("hunter2"));
    }
}
