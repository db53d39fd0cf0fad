package io.wapipeline.worker.system;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A multi-row {@code INSERT ... SELECT * FROM unnest(...)}: one statement and one round trip for a whole batch, whose
 * {@code ON CONFLICT} clause and {@code RETURNING} list stay visible SQL at the repository that owns the table.
 */
public final class BulkInsert<T> {

    private final String sql;
    private final List<Column<T>> columns;

    /**
     * @param into   {@code table} or {@code table AS alias}
     * @param suffix what follows the SELECT: the {@code ON CONFLICT} clause and any {@code RETURNING}
     */
    public BulkInsert(String into, List<Column<T>> columns, String suffix) {
        this.columns = List.copyOf(columns);
        this.sql = "INSERT INTO " + into + " ("
                + columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ")\nSELECT * FROM unnest("
                + columns.stream().map(Column::unnestArgument).collect(Collectors.joining(", ")) + ")\n" + suffix;
    }

    /** The statement for these rows, ready to run with {@code update()} or {@code query(...)}. */
    public JdbcClient.StatementSpec rows(JdbcClient jdbc, List<T> rows) {
        JdbcClient.StatementSpec statement = jdbc.sql(sql);
        for (Column<T> column : columns) {
            statement = statement.param(column.array(rows));
        }
        return statement;
    }

    @Override
    public String toString() {
        return sql;
    }
}
