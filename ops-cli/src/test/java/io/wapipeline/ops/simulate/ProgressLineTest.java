package io.wapipeline.ops.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import io.wapipeline.traffic.report.Progress;

class ProgressLineTest {

    private static final Progress EARLY = new Progress(Duration.ofSeconds(1), 300, Map.of("200", 290L), 300);
    private static final Progress LATER = new Progress(Duration.ofSeconds(2), 600,
            Map.of("200", 580L, "503", 12L, "error: HttpTimeoutException", 2L), 300);

    private final StringWriter err = new StringWriter();

    @Test
    void showsElapsedSentAnswersByStatusAndRate() {
        assertThat(ProgressLine.format(LATER))
                .isEqualTo("    2s  sent 600  200: 580  503: 12  error: HttpTimeoutException: 2  rate 300/s");
        assertThat(ProgressLine.format(new Progress(Duration.ZERO, 0, Map.of(), 0))).contains("no answers yet");
    }

    @Test
    void onATerminalTheLineIsRewrittenInPlace() {
        ProgressLine line = new ProgressLine(new PrintWriter(err), true);

        line.accept(LATER);
        line.accept(EARLY);
        line.finish();

        String longer = ProgressLine.format(LATER);
        String shorter = ProgressLine.format(EARLY);
        assertThat(err.toString()).isEqualTo("\r" + longer + "\r" + shorter
                + " ".repeat(longer.length() - shorter.length()) + System.lineSeparator());
    }

    @Test
    void elsewhereEachSecondGetsALineOfItsOwn() {
        ProgressLine line = new ProgressLine(new PrintWriter(err), false);

        line.accept(EARLY);
        line.accept(LATER);
        line.finish();

        assertThat(err.toString().lines()).containsExactly(ProgressLine.format(EARLY), ProgressLine.format(LATER));
    }
}
