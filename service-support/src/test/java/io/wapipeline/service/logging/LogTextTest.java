package io.wapipeline.service.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void lineBreaksAndControlCharactersCannotForgeALine() {
        assertThat(LogText.escape("object is 'page\n2026-12-01 ERROR forged\r\u0000\u001b[31m'"))
                .isEqualTo("object is 'page\\n2026-12-01 ERROR forged\\r\\u0000\\u001b[31m'");
        assertThat(LogText.escape("a\u2028b")).isEqualTo("a\\u2028b");
    }

    @Test
    void longTextIsCutWithWhatWasLeftOut() {
        assertThat(LogText.escape("x".repeat(520))).isEqualTo("x".repeat(500) + "… (20 more characters)");
        assertThat(LogText.escape(null)).isEqualTo("null");
    }

    @Test
    void throttleLetsOneThroughPerIntervalAndCountsTheRest() {
        AtomicLong now = new AtomicLong(0);
        Throttle throttle = new Throttle(Duration.ofSeconds(10), 1, now::get);

        assertThat(throttle.pass()).isZero();
        assertThat(throttle.pass()).isEqualTo(-1);
        assertThat(throttle.pass()).isEqualTo(-1);
        now.set(Duration.ofSeconds(10).toNanos());
        assertThat(throttle.pass()).isEqualTo(2);
        assertThat(throttle.pass()).isEqualTo(-1);
        throttle.reset();
        assertThat(throttle.pass()).isEqualTo(1);
    }

    @Test
    void throttleWithSeveralPermitsLetsThatManyThroughPerInterval() {
        AtomicLong now = new AtomicLong(0);
        Throttle throttle = new Throttle(Duration.ofMinutes(1), 3, now::get);

        assertThat(throttle.pass()).isZero();
        assertThat(throttle.pass()).isZero();
        assertThat(throttle.pass()).isZero();
        assertThat(throttle.pass()).isEqualTo(-1);
        assertThat(throttle.pass()).isEqualTo(-1);
        now.set(Duration.ofMinutes(1).toNanos());
        assertThat(throttle.pass()).isEqualTo(2);
        assertThat(throttle.pass()).isZero();
    }
}
