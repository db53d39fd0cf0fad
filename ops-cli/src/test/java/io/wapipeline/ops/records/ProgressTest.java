package io.wapipeline.ops.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final String READ_ALL = "read 3 of 3 messages: 3 published, 0 already present, 0 unreadable";

    private final StringWriter err = new StringWriter();

    @Test
    void aFinalLineThatAnUpdateHasJustPrintedIsPrintedOnce() {
        Progress progress = new Progress(new PrintWriter(err), "import-django", Duration.ZERO);

        progress.update(() -> READ_ALL);
        progress.print(READ_ALL);

        assertThat(err.toString().lines()).containsExactly("import-django: " + READ_ALL);
    }

    @Test
    void updatesWithinTheIntervalAreHeldBackAndEveryNewLineIsPrinted() {
        Progress progress = new Progress(new PrintWriter(err), "import-django", Duration.ofHours(1));

        progress.print("reading whatsapp_whatsappmessage");
        progress.update(() -> "read 1 of 3 messages");
        progress.print(READ_ALL);

        assertThat(err.toString().lines()).containsExactly("import-django: reading whatsapp_whatsappmessage",
                "import-django: " + READ_ALL);
    }
}
