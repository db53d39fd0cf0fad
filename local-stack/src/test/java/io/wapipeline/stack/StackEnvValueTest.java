package io.wapipeline.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * stack.env's values are read back unchanged both by a shell ({@code set -a; . stack.env}, as the README says) and
 * by a properties reader ({@code .env}, {@code wa-ops}).
 */
class StackEnvValueTest {

    private static final List<String> VALUES = List.of(
            "operator:operator:{bcrypt}$2a$10$sb5bdn0RmEMI.Dd9HKemk.0t6/WgqSvKGc1aZWouAnAEMXIM5a8CS",
            "postgres://postgres@127.0.0.1:15432/whatsapp", "/home/a user/with 'quotes' and \"more\"/.local/media",
            "a;b&c|d`e`$(f)*?[g]#h~!i\\j<k>l", "dev-api-50fd1695cc8ba5760c8d471a", "", "ünïcödé tab\there", "emoji 😀 and 中文");

    @Test
    void aShellAndAPropertiesReaderBothReadEveryValueBack(@TempDir Path directory) throws Exception {
        StringBuilder file = new StringBuilder();
        for (int n = 0; n < VALUES.size(); n++) {
            file.append("VALUE_").append(n).append('=').append(LocalStack.envValue(VALUES.get(n))).append('\n');
        }
        Path env = directory.resolve("stack.env");
        Files.writeString(env, file, StandardCharsets.UTF_8);

        Properties properties = new Properties();
        properties.load(new StringReader(file.toString()));
        for (int n = 0; n < VALUES.size(); n++) {
            assertThat(properties.getProperty("VALUE_" + n)).as("properties, value " + n).isEqualTo(VALUES.get(n));
        }

        StringBuilder print = new StringBuilder("set -euo pipefail; set -a; . '" + env + "'; set +a");
        for (int n = 0; n < VALUES.size(); n++) {
            print.append("; printf '%s\\0' \"$VALUE_").append(n).append('"');
        }
        Process bash = new ProcessBuilder("bash", "-c", print.toString()).redirectErrorStream(true).start();
        String printed = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(printed).isZero();
        assertThat(printed.split("\0", -1)).as("the shell's reading").containsExactlyElementsOf(
                java.util.stream.Stream.concat(VALUES.stream(), java.util.stream.Stream.of("")).toList());
    }
}
