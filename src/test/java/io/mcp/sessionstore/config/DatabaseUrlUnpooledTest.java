package io.mcp.sessionstore.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** DATABASE_URL_UNPOOLED beside DATABASE_URL (Neon's direct and pooled endpoints), and prepareThreshold. */
class DatabaseUrlUnpooledTest {

    private static final String POOLED =
            "postgresql://alex:AbC123dEf@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/dbname?sslmode=require";
    private static final String DIRECT =
            "postgresql://alex:AbC123dEf@ep-cool-darkness-123456.us-east-2.aws.neon.tech/dbname?sslmode=require";

    @Test
    void propertiesWhenOnlyPooledThenBothSidesOnItAndJdbcNeverNamesStatements() {
        Map<String, String> properties = DatabaseUrl.datasourceProperties(POOLED, null);
        assertTrue(properties.get("quarkus.datasource.jdbc.url").contains("-pooler."));
        assertTrue(properties.get("quarkus.datasource.reactive.url").contains("-pooler."));
        assertEquals("0", properties.get("quarkus.datasource.jdbc.additional-jdbc-properties.prepareThreshold"));
        assertEquals(properties, DatabaseUrl.datasourceProperties(POOLED, " "), "a blank variable is unset");
    }

    @Test
    void propertiesWhenUnpooledThenJdbcDirectAndReactivePooled() {
        Map<String, String> properties = DatabaseUrl.datasourceProperties(POOLED, DIRECT);
        assertEquals("jdbc:postgresql://ep-cool-darkness-123456.us-east-2.aws.neon.tech:5432/dbname?sslmode=require",
                properties.get("quarkus.datasource.jdbc.url"));
        assertEquals("postgresql://ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech:5432/dbname",
                properties.get("quarkus.datasource.reactive.url"));
        assertEquals("alex", properties.get("quarkus.datasource.username"));
        assertEquals("AbC123dEf", properties.get("quarkus.datasource.password"));
        assertEquals("true", properties.get("quarkus.datasource.reactive.trust-all"));
    }

    @Test
    void propertiesWhenUnpooledWithoutCredentialsThenThoseOfDatabaseUrl() {
        Map<String, String> properties = DatabaseUrl.datasourceProperties(POOLED, "postgresql://direct.internal/dbname");
        assertEquals("jdbc:postgresql://direct.internal:5432/dbname", properties.get("quarkus.datasource.jdbc.url"));
        assertEquals("alex", properties.get("quarkus.datasource.username"));
    }

    @Test
    void propertiesWhenUnpooledNamesOtherCredentialsThenRefusedWithoutRepeatingThem() {
        for (String other : new String[] {"postgresql://bob:AbC123dEf@direct/dbname", "postgresql://alex:s3cret@direct/dbname"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DatabaseUrl.datasourceProperties(POOLED, other));
            assertTrue(e.getMessage().contains("DATABASE_URL_UNPOOLED"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains("AbC123dEf"), e.getMessage());
        }
    }

    @Test
    void propertiesWhenUnpooledInvalidThenMessageNamesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatabaseUrl.datasourceProperties(POOLED, "mysql://u:s3cret@h/db"));
        assertTrue(e.getMessage().startsWith("DATABASE_URL_UNPOOLED "), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }
}
