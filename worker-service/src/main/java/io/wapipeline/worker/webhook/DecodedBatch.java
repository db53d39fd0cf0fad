package io.wapipeline.worker.webhook;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.wapipeline.model.payload.EventReceived;
import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.model.payload.StatusReported;

/** A consumed batch, decoded: every item of every good record, and the records that can never be processed. */
record DecodedBatch(List<Received<MessageReceived>> messages, List<Received<StatusReported>> statuses,
        List<Received<EventReceived>> events, List<Poison> poison, int records) {

    /** A record that is not JSON or not a WhatsApp webhook, and why. */
    record Poison(ConsumerRecord<String, byte[]> record, String reason) {
    }

    static DecodedBatch empty(int records) {
        return new DecodedBatch(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), records);
    }
}
