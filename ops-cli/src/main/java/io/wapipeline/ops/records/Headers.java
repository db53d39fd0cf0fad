package io.wapipeline.ops.records;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.wapipeline.model.WebhookHeaders;
import io.wapipeline.model.WebhookRecord;

/** Reading record headers as text, including Spring's binary {@code kafka_dlt-*} numbers. */
public final class Headers {

    /** Why the worker dead-lettered a record, in plain words. */
    public static final String DEAD_LETTER_REASON = WebhookHeaders.DEAD_LETTER_REASON;
    static final String DLT_PREFIX = WebhookRecord.SPRING_DEAD_LETTER_PREFIX;

    private Headers() {
    }

    public static Optional<String> text(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? Optional.empty() : Optional.of(display(header));
    }

    /** A header's value for people: numbers Spring writes as binary decoded, other text as is, the rest in hex. */
    public static String display(Header header) {
        byte[] value = header.value();
        if (value == null) {
            return "";
        }
        if (header.key().startsWith(DLT_PREFIX) && (value.length == 4 || value.length == 8) && !header.key().endsWith("-topic")) {
            return value.length == 4 ? Integer.toString(ByteBuffer.wrap(value).getInt()) : Long.toString(ByteBuffer.wrap(value).getLong());
        }
        String text = new String(value, StandardCharsets.UTF_8);
        boolean printable = text.chars().allMatch(c -> (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') && c != 0xFFFD);
        return printable ? text.replace("\r", "").replace("\n", "\\n").replace("\t", " ") : "0x" + HexFormat.of().formatHex(value);
    }
}
