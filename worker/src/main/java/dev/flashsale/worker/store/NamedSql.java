package dev.flashsale.worker.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fixed SQL statement written with {@code :name} parameters, turned once into the JDBC form with {@code ?} and a map
 * from each name to its positions. Every decision statement is one of these constants: the SQL text never changes at
 * run time, values are only ever bound, and the driver keeps each statement prepared on the server per connection.
 *
 * <p>A name may appear several times; {@code ::type} casts are left alone.
 */
final class NamedSql {

    private final String jdbc;
    private final Map<String, int[]> positions;

    private NamedSql(String jdbc, Map<String, int[]> positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    static NamedSql of(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        Map<String, List<Integer>> found = new HashMap<>();
        int index = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            boolean parameter = c == ':'
                    && i + 1 < sql.length()
                    && Character.isLetter(sql.charAt(i + 1))
                    && (i == 0 || sql.charAt(i - 1) != ':');
            if (!parameter) {
                out.append(c);
                continue;
            }
            int end = i + 1;
            while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                end++;
            }
            found.computeIfAbsent(sql.substring(i + 1, end), name -> new ArrayList<>())
                    .add(++index);
            out.append('?');
            i = end - 1;
        }
        Map<String, int[]> positions = new HashMap<>();
        found.forEach((name, at) ->
                positions.put(name, at.stream().mapToInt(Integer::intValue).toArray()));
        return new NamedSql(out.toString(), Map.copyOf(positions));
    }

    /** The statement as JDBC sees it. */
    String jdbc() {
        return jdbc;
    }

    /** Prepares the statement on {@code connection}; the driver reuses its server-side statement per connection. */
    Bound prepare(Connection connection) throws SQLException {
        return new Bound(connection, connection.prepareStatement(jdbc));
    }

    /** A prepared statement whose parameters are set by name. Close it (try-with-resources). */
    final class Bound implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement statement;

        private Bound(Connection connection, PreparedStatement statement) {
            this.connection = connection;
            this.statement = statement;
        }

        PreparedStatement statement() {
            return statement;
        }

        Bound set(String name, String value) throws SQLException {
            for (int position : at(name)) {
                statement.setString(position, value);
            }
            return this;
        }

        Bound set(String name, int value) throws SQLException {
            for (int position : at(name)) {
                statement.setInt(position, value);
            }
            return this;
        }

        Bound set(String name, long value) throws SQLException {
            for (int position : at(name)) {
                statement.setLong(position, value);
            }
            return this;
        }

        Bound set(String name, UUID value) throws SQLException {
            for (int position : at(name)) {
                statement.setObject(position, value, Types.OTHER);
            }
            return this;
        }

        Bound set(String name, Instant value) throws SQLException {
            OffsetDateTime utc = value.atOffset(ZoneOffset.UTC);
            for (int position : at(name)) {
                statement.setObject(position, utc);
            }
            return this;
        }

        /** Binds a PostgreSQL array of {@code sqlType} ({@code varchar}, {@code int4}, {@code uuid}). */
        Bound setArray(String name, String sqlType, Object[] values) throws SQLException {
            Array array = connection.createArrayOf(sqlType, values);
            for (int position : at(name)) {
                statement.setArray(position, array);
            }
            return this;
        }

        private int[] at(String name) {
            int[] at = positions.get(name);
            if (at == null) {
                throw new IllegalArgumentException("no parameter :" + name + " in " + jdbc);
            }
            return at;
        }

        @Override
        public void close() throws SQLException {
            statement.close();
        }
    }
}
