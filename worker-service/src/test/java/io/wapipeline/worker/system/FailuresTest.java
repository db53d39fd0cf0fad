package io.wapipeline.worker.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class FailuresTest {

    @Test
    void connectionLossShutdownsDeadlocksAndSerializationFailuresAreTransient() {
        for (String state : new String[] {"08006", "08003", "57P01", "57P03", "40001", "40P01", "53300", "55P03"}) {
            assertThat(Failures.isTransient(wrapped(new SQLException("x", state)))).as(state).isTrue();
        }
        assertThat(Failures.isTransient(new CannotGetJdbcConnectionException("pool", new SQLTransientConnectionException("timeout")))).isTrue();
        assertThat(Failures.isTransient(new CannotCreateTransactionException("no connection"))).isTrue();
    }

    @Test
    void dataExceptionsConstraintsProgramLimitsAndProgramErrorsArePermanent() {
        for (String state : new String[] {"22008", "22023", "23502", "54000", "42P01", "XX000"}) {
            assertThat(Failures.isTransient(wrapped(new SQLException("x", state)))).as(state).isFalse();
        }
        assertThat(Failures.isTransient(new ListenerExecutionFailedException("listener", new NullPointerException()))).isFalse();
    }

    @Test
    void theFailureBehindAFailedRollbackIsTheOneDescribedAndJudged() {
        TransactionSystemException rollback = new TransactionSystemException("rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(wrapped(new SQLException("FATAL: terminating connection due to administrator command\n  Where: x", "57P01")));

        ListenerExecutionFailedException failure = new ListenerExecutionFailedException("listener", rollback);

        assertThat(Failures.describe(failure)).isEqualTo("SQLSTATE 57P01: FATAL: terminating connection due to administrator command");
        assertThat(Failures.isTransient(failure)).isTrue();
    }

    @Test
    void descriptionsAreOneEscapedLine() {
        assertThat(Failures.describe(new IllegalStateException("bad\nforged line"))).isEqualTo("IllegalStateException: bad");
        assertThat(Failures.describe(wrapped(new SQLException("value \"a\u0007b\" refused", "22023"))))
                .isEqualTo("SQLSTATE 22023: value \"a\\u0007b\" refused");
    }

    private static RuntimeException wrapped(SQLException cause) {
        return new DataIntegrityViolationException("statement failed", cause);
    }
}
