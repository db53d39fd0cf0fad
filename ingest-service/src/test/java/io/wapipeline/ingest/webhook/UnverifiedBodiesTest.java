package io.wapipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnverifiedBodiesTest {

    private final UnverifiedBodies budget = new UnverifiedBodies(1_000_000, 10);

    @Test
    void largeBuffersShareOnlyThreeQuartersOfTheBudgetAndSmallOnesTheRest() {
        assertThat(budget.reserve(700_000)).isTrue();
        assertThat(budget.reserve(100_000)).as("a large buffer past three quarters").isFalse();
        assertThat(budget.reserve(50_000)).as("a large one within them").isTrue();
        assertThat(budget.used()).isEqualTo(750_000);

        for (int n = 0; n < 15; n++) {
            assertThat(budget.reserve(16_384)).as("small buffer %d", n).isTrue();
        }
        assertThat(budget.reserve(16_384)).as("past the whole budget").isFalse();
        assertThat(budget.used()).isEqualTo(750_000 + 15 * 16_384);
    }

    @Test
    void releasedBytesCanBeReservedAgain() {
        assertThat(budget.reserve(750_000)).isTrue();
        assertThat(budget.reserve(65_537)).isFalse();
        budget.release(750_000);

        assertThat(budget.reserve(65_537)).isTrue();
        assertThat(budget.used()).isEqualTo(65_537);
    }

    @Test
    void atMostMaxBodiesArriveAtOnce() {
        for (int n = 0; n < 10; n++) {
            assertThat(budget.admit()).isTrue();
        }
        assertThat(budget.admit()).isFalse();
        budget.leave();

        assertThat(budget.admit()).isTrue();
        assertThat(budget.arriving()).isEqualTo(10);
    }
}
