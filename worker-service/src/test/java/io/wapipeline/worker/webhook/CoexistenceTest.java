package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.wapipeline.testsupport.Fixtures;
import io.wapipeline.worker.WorkerIntegrationTest;

/**
 * A coexistence business's own side of its conversations: replies sent from the WhatsApp Business app
 * ({@code smb_message_echoes}) and the chat history shared at onboarding ({@code history}) are stored as messages of
 * the contact's conversation, through Kafka as Meta delivers them.
 */
class CoexistenceTest extends WorkerIntegrationTest {

    private static final int THREADS = 40;
    private static final int MESSAGES_PER_THREAD = 55;

    @Test
    void anEchoedReplyIsAnOutboundMessageInTheContactsConversation() {
        String body = Fixtures.text("echo-text.json").replace("wamid.ECHO-TEXT-0001", "wamid.COEX-ECHO-1")
                .replace("5511911112222", "5511970000001").replace("BR.48151623420001", "BR.970000000001");
        publish(body);

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id = 'wamid.COEX-ECHO-1'") == 1);
        Map<String, Object> row = row("SELECT source, outbound, contact_id, from_number, to_number, to_user_id, text_body"
                + " FROM whatsapp_message WHERE message_id = 'wamid.COEX-ECHO-1'");
        assertThat(row).containsEntry("source", "echo").containsEntry("outbound", true)
                .containsEntry("contact_id", "5511970000001").containsEntry("from_number", "15550783881")
                .containsEntry("to_number", "5511970000001").containsEntry("to_user_id", "BR.970000000001")
                .containsEntry("text_body", "Sim, temos o tamanho 42. Quer que eu reserve?");
        assertThat(count("SELECT message_count FROM whatsapp_conversation WHERE phone_number_id = '106540352242922'"
                + " AND contact_id = '5511970000001'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM whatsapp_contact_identifier WHERE value = 'BR.970000000001'"
                + " AND contact_id = '5511970000001'")).isEqualTo(1);
    }

    @Test
    void aThreeMegabyteHistoryChunkIsStoredWholeOnceInAnyChunkOrderAndLiveMessagesStayLive() {
        String live = Fixtures.text("text.json").replace("wamid.HBgNNTUxMTk4NzY1MDEwMRUCABIYFDM3MkVBMDhDQUIzM0U3MUMwMkM2AA==",
                "wamid.COEX-H-0-0").replace("5511987650101", "5511980000000");
        publish(live);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id = 'wamid.COEX-H-0-0'") == 1);

        String big = history(2, 0, THREADS);
        String small = history(1, THREADS, 2);
        assertThat(big.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(3_000_000);
        publish(big);
        publish(small);
        publish(big);

        int expected = (THREADS + 2) * MESSAGES_PER_THREAD;
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.COEX-H-%'") == expected);
        assertThat(count("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.COEX-H-%' AND source = 'history'"))
                .isEqualTo(expected - 1);
        assertThat(row("SELECT source, outbound, text_body FROM whatsapp_message WHERE message_id = 'wamid.COEX-H-0-0'"))
                .containsEntry("source", "live").containsEntry("outbound", false);
        assertThat(count("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.COEX-H-%' AND outbound"))
                .isEqualTo((THREADS + 2) * (MESSAGES_PER_THREAD / 2));
        assertThat(count("SELECT sum(message_count) FROM whatsapp_conversation WHERE phone_number_id = '106540352242922'"
                + " AND contact_id LIKE '55119800000%'")).isEqualTo(expected);
        assertThat(count("SELECT count(*) FROM whatsapp_event WHERE field = 'history'"
                + " AND payload::text LIKE '%5511980000001%'")).isEqualTo(1);
    }

    /** One history chunk: {@code threads} threads from {@code first}, each alternating the user's and the business's messages. */
    private static String history(int chunkOrder, int first, int threads) {
        List<String> threadJson = new ArrayList<>();
        String filler = "Detalhes do pedido e da entrega, com endereço completo e observações do cliente. ".repeat(15);
        for (int t = first; t < first + threads; t++) {
            String user = "55119800000" + String.format("%02d", t);
            List<String> messages = new ArrayList<>();
            for (int m = 0; m < MESSAGES_PER_THREAD; m++) {
                boolean fromMe = m % 2 == 1;
                messages.add("{\"from\":\"" + (fromMe ? "15550783881" : user) + "\"" + (fromMe ? ",\"to\":\"" + user + "\"" : "")
                        + ",\"id\":\"wamid.COEX-H-" + t + "-" + m + "\",\"timestamp\":\"" + (1770000000 + t * 1000 + m)
                        + "\",\"type\":\"text\",\"text\":{\"body\":\"" + m + " " + filler + "\"},\"history_context\":{\"status\":\"READ\""
                        + (fromMe ? ",\"from_me\":true" : "") + "}}");
            }
            threadJson.add("{\"id\":\"" + user + "\",\"messages\":[" + String.join(",", messages) + "]}");
        }
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"field\":\"history\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"106540352242922\"},\"history\":[{\"metadata\":{\"phase\":1,\"chunk_order\":" + chunkOrder
                + ",\"progress\":" + (chunkOrder * 40) + "},\"threads\":[" + String.join(",", threadJson) + "]}]}}]}]}";
    }
}
