package io.wapipeline.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PartitionKeyTest {

    @Test
    void contactIdOfAnInboundMessageIsTheKey() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA1","changes":[{"field":"messages","value":{
                 "metadata":{"display_phone_number":"15550001111","phone_number_id":"PN1"},
                 "contacts":[{"profile":{"name":"Ana"},"wa_id":"5511999990000"}],
                 "messages":[{"from":"5511999990000","id":"wamid.A","timestamp":"1","type":"text"}]}}]}]}""";

        assertThat(PartitionKey.of(bytes(body))).contains("5511999990000");
    }

    @Test
    void recipientOfAStatusIsTheKey() {
        String body = """
                {"entry":[{"id":"WABA1","changes":[{"value":{"statuses":[
                 {"id":"wamid.B","status":"read","timestamp":"2","recipient_id":"447700900123"}]}}]}]}""";

        assertThat(PartitionKey.of(bytes(body))).contains("447700900123");
    }

    @Test
    void businessScopedUserIdIsUsedWhenThePhoneIsAbsent() {
        String body = """
                {"entry":[{"id":"WABA1","changes":[{"value":{"contacts":[{"user_id":"US.134912"}],
                 "messages":[{"from_user_id":"US.134912","id":"wamid.C"}]}}]}]}""";

        assertThat(PartitionKey.of(bytes(body))).contains("US.134912");
    }

    @Test
    void entryIdIsTheKeyWhenNoContactIsNamed() {
        String body = """
                {"entry":[{"time":1,"changes":[{"field":"account_update","value":{"id":"nested"}}],"id":"WABA9"}]}""";

        assertThat(PartitionKey.of(bytes(body))).contains("WABA9");
    }

    @Test
    void stringsInsideArraysAreSkipped() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"2949482758682047","time":1744823932,"changes":[
                 {"value":{"event":"PARTNER_ADDED","waba_info":{"waba_id":"980198427658004",
                  "solution_partner_business_ids":["2949482758682047","520744086200222"]}},"field":"account_update"}]}]}""";

        assertThat(PartitionKey.of(bytes(body))).contains("2949482758682047");
    }

    @Test
    void aHugeIdIsKeyedByItsDigest() {
        String id = "5".repeat(3_000);

        assertThat(PartitionKey.of(bytes("{\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"from\":\"" + id + "\"}]}}]}]}")))
                .contains("sha256:" + io.wapipeline.model.Digests.sha256Hex(id));
    }

    @Test
    void bodyNestedTooDeepHasNoKey() {
        assertThat(PartitionKey.of(bytes("[".repeat(5_000) + "]".repeat(5_000)))).isEmpty();
    }

    @Test
    void bodyThatIsNotJsonHasNoKey() {
        assertThat(PartitionKey.of(bytes("this is not json {"))).isEmpty();
        assertThat(PartitionKey.of(new byte[0])).isEmpty();
    }

    @Test
    void jsonWithoutIdsHasNoKey() {
        assertThat(PartitionKey.of(bytes("{\"field\":\"messages\",\"value\":{\"messages\":[]}}"))).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
