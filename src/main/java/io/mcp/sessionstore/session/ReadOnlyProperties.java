package io.mcp.sessionstore.session;

import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;

import io.mcp.sessionstore.common.InvalidInputException;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * A body that sets a server-managed property of a session ({@code version}, {@code metrics}, ...)
 * gets a 400 saying the property is read-only, rather than "unknown property" or being ignored.
 */
@Singleton
public class ReadOnlyProperties implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addHandler(new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                    JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) {
                boolean sessionBody = beanOrClass == SessionFields.class || beanOrClass instanceof SessionFields;
                if (sessionBody && SessionFields.READ_ONLY.contains(propertyName)) {
                    String detail = "property '" + propertyName + "' is read-only: the server manages it";
                    throw new InvalidInputException("validation", detail,
                            List.of(new InvalidInputException.Field(propertyName, detail)), null);
                }
                return false;
            }
        });
    }
}
