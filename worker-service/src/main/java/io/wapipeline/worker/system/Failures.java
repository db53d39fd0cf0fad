package io.wapipeline.worker.system;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import io.wapipeline.service.logging.LogText;

/**
 * Tells a failure that retrying can cure (the database or the broker unreachable, restarting, overloaded; a
 * deadlock or serialization conflict) from one it cannot (a value the database refuses, a constraint, a program
 * limit, a parser or program error), by cause. Transient failures pause and retry; permanent ones are isolated.
 */
public final class Failures {

    /**
     * SQLSTATE classes and codes that retrying cures: connection exceptions (08), insufficient resources (53),
     * system errors such as I/O (58), serialization failure and deadlock (40001, 40P01), lock not available (55P03),
     * statement cancelled or timed out (57014), the server shutting down or starting (57P01, 57P02, 57P03).
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "58");

    private static final Set<String> TRANSIENT_CODES = Set.of("40001", "40P01", "55P03", "57014", "57P01", "57P02", "57P03");

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = primary(failure); cause != null; cause = next(cause)) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return transientState(sql.getSQLState());
            }
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof RetriableException || cause instanceof IOException
                    || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                return true;
            }
        }
        // Could not reach the database at all, nothing more specific underneath.
        return failure instanceof CannotCreateTransactionException || failure instanceof DataAccessResourceFailureException
                || failure instanceof org.apache.kafka.common.KafkaException;
    }

    /**
     * The real cause in one line, escaped for a log: the database's SQLSTATE and message where there is one (not
     * the "connection is closed" of the rollback that followed it), else the deepest cause.
     */
    public static String describe(Throwable failure) {
        Throwable deepest = primary(failure);
        for (Throwable cause = deepest; cause != null; cause = next(cause)) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return LogText.escape("SQLSTATE " + sql.getSQLState() + ": " + firstLine(sql.getMessage()));
            }
            deepest = cause;
        }
        return LogText.escape(deepest.getClass().getSimpleName() + ": " + firstLine(deepest.getMessage()));
    }

    private static boolean transientState(String sqlState) {
        return sqlState.length() >= 2 && (TRANSIENT_CLASSES.contains(sqlState.substring(0, 2)) || TRANSIENT_CODES.contains(sqlState));
    }

    /**
     * A failed rollback hides the failure that caused it (the connection broke, then the rollback found it closed);
     * the one that caused it is what matters.
     */
    private static Throwable primary(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof TransactionSystemException rollback && rollback.getOriginalException() != null
                    && rollback.getOriginalException() != rollback) {
                return rollback.getOriginalException();
            }
        }
        return failure;
    }

    private static Throwable next(Throwable cause) {
        Throwable next = cause instanceof SQLException sql && sql.getNextException() != null ? sql.getNextException() : cause.getCause();
        return next == cause ? null : next;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
