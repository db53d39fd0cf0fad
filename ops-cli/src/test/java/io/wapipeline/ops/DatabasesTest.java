package io.wapipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabasesTest {

    @Test
    void maskedHidesThePasswordOfAHostingPlatformsUrl() {
        assertThat(Databases.masked("postgres://django:s3cr%40t@db.example.com:5432/app?sslmode=require"))
                .isEqualTo("postgres://django:****@db.example.com:5432/app?sslmode=require");
        assertThat(Databases.masked("postgresql://:only-a-password@db/app")).isEqualTo("postgresql://:****@db/app");
    }

    @Test
    void maskedHidesThePasswordParameterOfAJdbcUrl() {
        assertThat(Databases.masked("jdbc:postgresql://db:5432/app?user=django&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/app?user=django&password=****&ssl=true");
        assertThat(Databases.masked("jdbc:postgresql://db/app?PASSWORD=s3cret")).isEqualTo("jdbc:postgresql://db/app?PASSWORD=****");
    }

    @Test
    void maskedLeavesAUrlWithoutPasswordAsItIs() {
        assertThat(Databases.masked("postgres://postgres@127.0.0.1:15432/whatsapp")).isEqualTo("postgres://postgres@127.0.0.1:15432/whatsapp");
        assertThat(Databases.masked("jdbc:postgresql://db/app?user=django")).isEqualTo("jdbc:postgresql://db/app?user=django");
    }

    @Test
    void maskedHidesAPasswordHoldingSlashesAndAtSignsAsPastedUnencoded() {
        assertThat(Databases.masked("postgres://django:pa/ss@w:rd@db.example.com:5432/app"))
                .isEqualTo("postgres://django:****@db.example.com:5432/app");
    }

    @Test
    void aUrlThatIsNotOneIsRefusedWithoutQuotingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.wapipeline.model.settings.DatabaseUrl.parse(
                "postgres://django:s3c ret^{x}@db.example.com:5432/app"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percent-encode")
                .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain("s3c ret"));
    }
}
