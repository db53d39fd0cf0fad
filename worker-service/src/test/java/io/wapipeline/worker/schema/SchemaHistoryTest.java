package io.wapipeline.worker.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.wapipeline.testsupport.TestPostgres;

/**
 * A database migrated before V1's comments were reworded still starts: its old checksum, and only that one, is
 * moved to the new one before Flyway validates (db/migration/beforeValidate.sql).
 */
class SchemaHistoryTest {

    private static final int OLD_V1_CHECKSUM = -776305186;

    @Test
    void aDatabaseMigratedWithTheOldWordingOfV1ValidatesAndMigrates() {
        DriverManagerDataSource database = new DriverManagerDataSource(TestPostgres.newDatabase());
        Flyway flyway = Flyway.configure().dataSource(database).locations("classpath:db/migration").load();
        flyway.migrate();
        JdbcClient jdbc = JdbcClient.create(database);
        int current = jdbc.sql("SELECT checksum FROM flyway_schema_history WHERE version = '1'").query(Integer.class).single();
        jdbc.sql("UPDATE flyway_schema_history SET checksum = ? WHERE version = '1'").param(OLD_V1_CHECKSUM).update();

        flyway.validate();
        assertThat(flyway.migrate().success).isTrue();
        assertThat(jdbc.sql("SELECT checksum FROM flyway_schema_history WHERE version = '1'").query(Integer.class).single())
                .isEqualTo(current);
    }

    @Test
    void anyOtherChecksumOfV1StillFailsValidation() {
        DriverManagerDataSource database = new DriverManagerDataSource(TestPostgres.newDatabase());
        Flyway flyway = Flyway.configure().dataSource(database).locations("classpath:db/migration").load();
        flyway.migrate();
        JdbcClient.create(database).sql("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'").update();

        assertThatThrownBy(flyway::validate).isInstanceOf(FlywayValidateException.class).hasMessageContaining("checksum mismatch");
    }
}
