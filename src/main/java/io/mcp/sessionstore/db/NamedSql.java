package io.mcp.sessionstore.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A statement written with {@code :name} parameters (readable, and shared with the benchmark's
 * pgbench scripts), translated once into PostgreSQL's {@code $n} placeholders so that the reactive
 * client can send it as a prepared statement. Text inside quotes is left alone.
 */
public final class NamedSql {

    private final String sql;
    private final List<String> names;

    private NamedSql(String sql, List<String> names) {
        this.sql = sql;
        this.names = List.copyOf(names);
    }

    public static NamedSql of(String namedSql) {
        List<String> names = new ArrayList<>();
        String sql = replaceParameters(namedSql, name -> {
            int index = names.indexOf(name);
            if (index < 0) {
                names.add(name);
                index = names.size() - 1;
            }
            return "$" + (index + 1);
        });
        return new NamedSql(sql, names);
    }

    /** The text with each {@code :name} outside quotes replaced (a {@code ::type} cast is no parameter). */
    static String replaceParameters(String namedSql, java.util.function.UnaryOperator<String> replacement) {
        StringBuilder out = new StringBuilder(namedSql.length());
        char quote = 0;
        for (int i = 0; i < namedSql.length(); i++) {
            char c = namedSql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                out.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
            } else if (c == ':' && i + 1 < namedSql.length() && Character.isJavaIdentifierStart(namedSql.charAt(i + 1))
                    && (i == 0 || namedSql.charAt(i - 1) != ':')) {
                int end = i + 1;
                while (end < namedSql.length() && Character.isJavaIdentifierPart(namedSql.charAt(end))) {
                    end++;
                }
                out.append(replacement.apply(namedSql.substring(i + 1, end)));
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The statement with {@code $n} placeholders. */
    public String sql() {
        return sql;
    }

    /** The parameter values in placeholder order; every name must be given (null is a value). */
    public Tuple bind(Map<String, ?> parameters) {
        Tuple tuple = Tuple.tuple();
        for (String name : names) {
            if (!parameters.containsKey(name)) {
                throw new IllegalArgumentException("no value for :" + name);
            }
            tuple.addValue(parameters.get(name));
        }
        return tuple;
    }

    List<String> names() {
        return names;
    }
}
