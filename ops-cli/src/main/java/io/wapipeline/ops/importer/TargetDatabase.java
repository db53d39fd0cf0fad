package io.wapipeline.ops.importer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.wapipeline.model.settings.DatabaseUrl;
import io.wapipeline.ops.Databases;

/**
 * This system's database ({@code DATABASE_URL}), only read: the worker is its one writer. Tells which messages are
 * stored (or kept apart as unreadable) and which contacts have a conversation.
 */
final class TargetDatabase implements AutoCloseable {

    /** Ids per query: a few thousand keep one {@code = ANY} query fast and its parameter small. */
    private static final int IDS_PER_QUERY = 5_000;

    private static final String TABLES = """
            SELECT to_regclass('whatsapp_message') IS NOT NULL AND to_regclass('whatsapp_conversation') IS NOT NULL
            """;
    private static final String STORED = "SELECT message_id FROM whatsapp_message WHERE message_id = ANY (?)";
    /** Items the worker could not store are kept as unreadable events, with the item's JSON and the reason. */
    private static final String KEPT_APART = """
            SELECT payload->>'id', reason FROM whatsapp_event WHERE kind = 'unreadable' AND payload->>'id' = ANY (?)
            """;
    private static final String CONVERSATIONS = """
            SELECT count(DISTINCT contact_id) FROM whatsapp_conversation WHERE contact_id = ANY (?)
            """;

    private final Connection connection;

    private TargetDatabase(Connection connection) {
        this.connection = connection;
    }

    /** @throws IllegalArgumentException when the database has no tables of this system yet */
    static TargetDatabase open(DatabaseUrl database) throws SQLException {
        Connection connection = Databases.connectReadOnly(database, "wa-ops import-django");
        try (Statement statement = connection.createStatement(); ResultSet tables = statement.executeQuery(TABLES)) {
            tables.next();
            if (!tables.getBoolean(1)) {
                throw new IllegalArgumentException("DATABASE_URL has no whatsapp_message table: start the worker once with "
                        + "this DATABASE_URL (it creates the tables on start), then import");
            }
            return new TargetDatabase(connection);
        }
        catch (SQLException | RuntimeException failed) {
            connection.close();
            throw failed;
        }
    }

    /** Which of {@code messageIds} the worker has stored. */
    Set<String> stored(Collection<String> messageIds) throws SQLException {
        Set<String> stored = new HashSet<>();
        for (List<String> ids : chunks(messageIds)) {
            try (PreparedStatement statement = connection.prepareStatement(STORED)) {
                statement.setArray(1, textArray(ids));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        stored.add(rows.getString(1));
                    }
                }
            }
        }
        return stored;
    }

    /** Which of {@code messageIds} the worker kept apart as unreadable, with its reason. */
    Map<String, String> keptApart(Collection<String> messageIds) throws SQLException {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (List<String> ids : chunks(messageIds)) {
            try (PreparedStatement statement = connection.prepareStatement(KEPT_APART)) {
                statement.setArray(1, textArray(ids));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        reasons.putIfAbsent(rows.getString(1), String.valueOf(rows.getString(2)));
                    }
                }
            }
        }
        return reasons;
    }

    /** How many of these contact numbers have a conversation (with any business number). */
    long conversationsOf(Collection<String> contactIds) throws SQLException {
        long found = 0;
        for (List<String> ids : chunks(contactIds)) {
            try (PreparedStatement statement = connection.prepareStatement(CONVERSATIONS)) {
                statement.setArray(1, textArray(ids));
                try (ResultSet count = statement.executeQuery()) {
                    count.next();
                    found += count.getLong(1);
                }
            }
        }
        return found;
    }

    private Array textArray(List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    private static List<List<String>> chunks(Collection<String> values) {
        List<String> all = new ArrayList<>(values);
        List<List<String>> chunks = new ArrayList<>();
        for (int start = 0; start < all.size(); start += IDS_PER_QUERY) {
            chunks.add(all.subList(start, Math.min(all.size(), start + IDS_PER_QUERY)));
        }
        return chunks;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
