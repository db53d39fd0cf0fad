package io.wapipeline.worker.system;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One column of a {@link BulkInsert}: its name, its PostgreSQL type, and how to read its value from a row. Values
 * travel as one array per column, so a whole batch is one statement.
 */
public record Column<T>(String name, String sqlType, Function<T, ?> value, IntFunction<Object[]> arrayOf) {

    public static <T> Column<T> text(String name, Function<T, String> value) {
        return new Column<>(name, "text", value.andThen(PostgresText::clean), String[]::new);
    }

    /** JSON text stored as {@code jsonb}. */
    public static <T> Column<T> jsonb(String name, Function<T, String> value) {
        return new Column<>(name, "jsonb", value.andThen(PostgresText::cleanJson), String[]::new);
    }

    public static <T> Column<T> timestamp(String name, Function<T, Instant> value) {
        return new Column<>(name, "timestamptz", value.andThen(t -> t == null ? null : t.toString()), String[]::new);
    }

    public static <T> Column<T> float8(String name, Function<T, Double> value) {
        return new Column<>(name, "float8", value, Double[]::new);
    }

    public static <T> Column<T> bool(String name, Function<T, Boolean> value) {
        return new Column<>(name, "boolean", value, Boolean[]::new);
    }

    public static <T> Column<T> int4(String name, Function<T, Integer> value) {
        return new Column<>(name, "int4", value, Integer[]::new);
    }

    public static <T> Column<T> int8(String name, Function<T, Long> value) {
        return new Column<>(name, "int8", value, Long[]::new);
    }

    /**
     * {@code a = EXCLUDED.a, b = EXCLUDED.b, ...} for every column but the keys: the SET list of an upsert that
     * overwrites a stored row with the new one.
     */
    public static <T> String overwriteAllBut(List<Column<T>> columns, String... keys) {
        List<String> kept = List.of(keys);
        return columns.stream().map(Column::name).filter(name -> !kept.contains(name))
                .map(name -> name + " = EXCLUDED." + name).collect(java.util.stream.Collectors.joining(", "));
    }

    /** The column's values for all rows, in row order. */
    Object[] array(List<T> rows) {
        Object[] values = arrayOf.apply(rows.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(rows.get(i));
        }
        return values;
    }

    String unnestArgument() {
        return "?::" + sqlType + "[]";
    }
}
