package io.wapipeline.model.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void platformStyleUrlBecomesJdbcUrlAndCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://pipeline:s%40cret@db.example.com:6543/whatsapp?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/whatsapp?sslmode=require");
        assertThat(url.username()).isEqualTo("pipeline");
        assertThat(url.password()).isEqualTo("s@cret");
        assertThat(url.toString()).doesNotContain("s@cret");
    }

    @Test
    void postgresqlSchemeAndDefaultPortAreAccepted() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app@localhost/whatsapp");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/whatsapp");
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isNull();
    }

    @Test
    void jdbcUrlIsUsedAsItIs() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost:5432/whatsapp?user=app&password=x");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/whatsapp?user=app&password=x");
        assertThat(url.username()).isNull();
    }

    @Test
    void otherSchemesAndMissingDatabaseAreRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:p@h/db")).hasMessageContaining("must start with postgres://");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u:p@host:5432/")).hasMessageContaining("must name a host and a database");
    }
}
