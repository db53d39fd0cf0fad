package io.wapipeline.ops.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.wapipeline.model.settings.DatabaseUrl;
import io.wapipeline.ops.Databases;

/**
 * The Django app's database, only read: a read-only connection, in one read-only repeatable-read transaction, so that
 * the count and the rows come from one snapshot while the app keeps writing. Messages are streamed in id order
 * through a cursor, a batch at a time.
 */
final class DjangoSource implements AutoCloseable {

    static final int BATCH_SIZE = 500;

    private static final String READ_ONLY_SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
    private static final String COLUMNS = """
            SELECT column_name FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = ?
            """;
    /**
     * This system's own database has views of the Django names over its tables (migration V7): read as a source they
     * would bring its own messages back. A Django database never has whatsapp_message beside a view of that name.
     */
    private static final String THIS_SYSTEMS_VIEW = """
            SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()
                            AND table_name = 'whatsapp_whatsappmessage' AND table_type = 'VIEW')
               AND to_regclass('whatsapp_message') IS NOT NULL
            """;
    private static final String MESSAGE_COUNT = "SELECT count(*) FROM whatsapp_whatsappmessage";
    private static final String MESSAGES = "SELECT * FROM whatsapp_whatsappmessage ORDER BY id";
    private static final String CONVERSATIONS = "SELECT * FROM whatsapp_whatsappconversation ORDER BY id";

    /** Takes one batch of rows; may fail with the database. */
    interface BatchHandler {
        void accept(List<DjangoMessage> batch) throws SQLException;
    }

    private final Connection connection;

    private DjangoSource(Connection connection) {
        this.connection = connection;
    }

    static DjangoSource open(DatabaseUrl database) throws SQLException {
        Connection connection = Databases.connectReadOnly(database, "wa-ops import-django");
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(READ_ONLY_SNAPSHOT);
            }
            return new DjangoSource(connection);
        }
        catch (SQLException failed) {
            connection.close();
            throw failed;
        }
    }

    /**
     * @throws IllegalArgumentException when the message table is absent or lacks a required column, or when this is
     *                                  this system's database
     */
    MessageColumns messageColumns() throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet answer = statement.executeQuery(THIS_SYSTEMS_VIEW)) {
            answer.next();
            if (answer.getBoolean(1)) {
                throw new IllegalArgumentException(MessageColumns.TABLE + " in --from is a view over whatsapp_message: this is "
                        + "this system's database (the worker's migration V7 names its tables as Django did), not the "
                        + "Django app's. Pass the Django app's DATABASE_URL as --from");
            }
        }
        return MessageColumns.of(columns(MessageColumns.TABLE));
    }

    /** The conversations, or none when the table is absent. */
    Conversations conversations() throws SQLException {
        Set<String> columns = columns(Conversations.TABLE);
        if (columns.isEmpty()) {
            return new Conversations(List.of());
        }
        Optional<String> number = Conversations.NUMBER.stream().filter(columns::contains).findFirst();
        Optional<String> name = Conversations.NAME.stream().filter(columns::contains).findFirst();
        List<Conversations.Conversation> read = new ArrayList<>();
        try (Statement statement = cursor(); ResultSet rows = statement.executeQuery(CONVERSATIONS)) {
            while (rows.next()) {
                read.add(new Conversations.Conversation(rows.getLong("id"), number.isPresent() ? rows.getString(number.get()) : null,
                        name.isPresent() ? rows.getString(name.get()) : null));
            }
        }
        return new Conversations(read);
    }

    long messageCount() throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet count = statement.executeQuery(MESSAGE_COUNT)) {
            count.next();
            return count.getLong(1);
        }
    }

    /** Hands every message row, in id order, to {@code handler} in batches of {@value #BATCH_SIZE}. */
    void readMessages(MessageColumns columns, BatchHandler handler) throws SQLException {
        List<DjangoMessage> batch = new ArrayList<>(BATCH_SIZE);
        try (Statement statement = cursor(); ResultSet rows = statement.executeQuery(MESSAGES)) {
            while (rows.next()) {
                batch.add(DjangoMessage.read(rows, columns));
                if (batch.size() == BATCH_SIZE) {
                    handler.accept(List.copyOf(batch));
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            handler.accept(List.copyOf(batch));
        }
    }

    private Set<String> columns(String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    /** A statement the driver reads through a server-side cursor (it needs autocommit off), a batch per round trip. */
    private Statement cursor() throws SQLException {
        Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(BATCH_SIZE);
        return statement;
    }

    /** Ends the transaction (it wrote nothing, and could not have) and the connection. */
    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        }
        finally {
            connection.close();
        }
    }
}
