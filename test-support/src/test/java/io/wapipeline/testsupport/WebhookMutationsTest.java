package io.wapipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookMutationsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void fuzzedFixturesTakeIdsAndNumbersOfTheirOwnAndKeepTheirTimestamps() {
        JsonNode renamed = WebhookMutations.renamed(JSON.readTree("""
                {"entry":[{"id":"102290129340398","changes":[{"value":{"contacts":[{"wa_id":"5511987654321"}],
                 "messages":[{"from":"5511987654321","id":"wamid.HBgN","timestamp":"1749416383","type":"text",
                 "image":{"id":"2040783719982210"},"text":{"body":"123456"}}],"calls":[{"id":"wacid.CALL-1"}],"list":["wamid.A","5511"]}}]}]}"""));

        JsonNode message = renamed.at("/entry/0/changes/0/value/messages/0");
        assertThat(renamed.at("/entry/0/id").asString()).isEqualTo("7102290129340398");
        assertThat(renamed.at("/entry/0/changes/0/value/contacts/0/wa_id").asString()).isEqualTo("75511987654321");
        assertThat(message.path("from").asString()).isEqualTo("75511987654321");
        assertThat(message.path("id").asString()).isEqualTo("wamid.FUZZ-HBgN");
        assertThat(message.path("timestamp").asString()).isEqualTo("1749416383");
        assertThat(message.at("/image/id").asString()).isEqualTo("72040783719982210");
        assertThat(message.path("type").asString()).isEqualTo("text");
        assertThat(renamed.at("/entry/0/changes/0/value/calls/0/id").asString()).isEqualTo("wacid.FUZZ-CALL-1");
        assertThat(renamed.at("/entry/0/changes/0/value/list/0").asString()).isEqualTo("wamid.FUZZ-A");
        assertThat(renamed.at("/entry/0/changes/0/value/list/1").asString()).isEqualTo("5511");
    }
}
