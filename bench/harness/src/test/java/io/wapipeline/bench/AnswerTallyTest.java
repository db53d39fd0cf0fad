package io.wapipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answers file is read while simulate writes it: a line counts once it is complete, and only 200s promise. */
class AnswerTallyTest {

    @Test
    void aLineStillBeingWrittenIsReadOnceItIsComplete(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("answers.tsv");
        Files.writeString(file, "1000\t200\twamid.a\t\n1001\t503\twamid.b\t\n1002\t20");
        AnswerTally answers = AnswerTally.ofSimulate(file);

        assertThat(answers.readNew()).containsExactly(Item.message("wamid.a"));
        assertThat(answers.sent()).isEqualTo(2);

        Files.writeString(file, "0\twamid.c\twamid.d,wamid.e\n1003\terror:ConnectException\twamid.f\t\n", StandardOpenOption.APPEND);

        assertThat(answers.readNew()).containsExactly(Item.message("wamid.c"), Item.status("wamid.d", null), Item.status("wamid.e", null));
        assertThat(answers.readNew()).isEmpty();
        assertThat(answers.answered("200")).isEqualTo(2);
        assertThat(answers.answered("503")).isEqualTo(1);
        assertThat(answers.others()).containsExactly(java.util.Map.entry("error:ConnectException", 1L));
        assertThat(answers.acknowledgedSince(1002)).isTrue();
        assertThat(answers.acknowledgedSince(1003)).isFalse();
        assertThat(answers.promised()).doesNotContain(Item.message("wamid.b"), Item.message("wamid.f"));
    }
}
