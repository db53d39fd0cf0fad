package io.wapipeline.traffic.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.wapipeline.testsupport.Fixtures;
import tools.jackson.databind.JsonNode;
import io.wapipeline.traffic.compose.Contact;
import io.wapipeline.traffic.compose.InboundMessages;
import io.wapipeline.traffic.compose.InboundType;
import io.wapipeline.traffic.compose.MessageIds;
import io.wapipeline.traffic.compose.OutboundStatuses;
import io.wapipeline.traffic.compose.SimulatedBusiness;
import io.wapipeline.traffic.compose.SimulatedItem;
import io.wapipeline.traffic.compose.WebhookComposer;
import io.wapipeline.traffic.testkit.Bodies;

/**
 * The generated items have exactly the fields of the fixtures in test-support, which are Meta's shapes, except those
 * the simulator leaves out on purpose: {@code sha256} (the fake Graph API's sample bytes could never match it), the
 * media {@code url} that Meta is still rolling out, and captions, which come only now and then.
 */
class GeneratedShapesTest {

    private static final Map<InboundType, String> FIXTURES = new EnumMap<>(Map.ofEntries(
            Map.entry(InboundType.TEXT, "text.json"), Map.entry(InboundType.IMAGE, "image.json"),
            Map.entry(InboundType.VIDEO, "video.json"), Map.entry(InboundType.VOICE, "audio-voice.json"),
            Map.entry(InboundType.DOCUMENT, "document.json"), Map.entry(InboundType.STICKER, "sticker.json"),
            Map.entry(InboundType.LOCATION, "location.json"), Map.entry(InboundType.CONTACTS, "contacts.json"),
            Map.entry(InboundType.BUTTON_REPLY, "interactive-button-reply.json"),
            Map.entry(InboundType.LIST_REPLY, "interactive-list-reply.json"), Map.entry(InboundType.BUTTON, "button.json"),
            Map.entry(InboundType.REACTION, "reaction.json")));

    private static final Contact CONTACT = new Contact("5511987650101", "José Conceição 😀");

    private final SplittableRandom random = new SplittableRandom(21);
    private final InboundMessages messages = new InboundMessages(SimulatedBusiness.DEFAULT, new MessageIds("shapes"), random);

    @ParameterizedTest
    @EnumSource(InboundType.class)
    void inboundMessagesHaveTheFieldsOfMetasFixture(InboundType type) {
        Set<String> expected = withoutOptional(type, Bodies.paths(fixtureItem(FIXTURES.get(type), "messages")));

        Set<String> generated = Bodies.paths(messages.of(type, CONTACT, 1_778_000_000L, "wamid.sim.shapes.out.1").json());

        assertThat(withoutOptional(type, generated)).isEqualTo(expected);
        assertThat(generated).noneMatch(path -> path.endsWith("sha256"));
    }

    @Test
    void sentDeliveredAndReadHaveTheFieldsOfMetasFixture() {
        JsonNode fixture = Bodies.json(Fixtures.bytes("statuses.json"));
        JsonNode statuses = fixture.path("entry").get(0).path("changes").get(0).path("value").path("statuses");

        List<SimulatedItem> generated = statusesUntil(items -> items.size() == 3);

        for (int i = 0; i < 3; i++) {
            assertThat(Bodies.paths(generated.get(i).json())).as(statuses.get(i).path("status").asString())
                    .isEqualTo(Bodies.paths(statuses.get(i)));
        }
    }

    @Test
    void failedHasTheFieldsOfMetasFixture() {
        Set<String> expected = new TreeSet<>(Bodies.paths(fixtureItem("status-failed.json", "statuses")));
        expected.remove("biz_opaque_callback_data");

        List<SimulatedItem> generated = statusesUntil(items -> items.size() == 2);

        assertThat(Bodies.paths(generated.get(1).json())).isEqualTo(expected);
    }

    @Test
    void aSingleTextMessageBodyHasTheEnvelopeOfMetasFixture() {
        WebhookComposer composer = new WebhookComposer(SimulatedBusiness.DEFAULT, random);

        byte[] body = composer.compose(List.of(messages.text(CONTACT, 1_778_000_101L, "Olá! 👍 https://example.com/cat")));

        assertThat(Bodies.paths(Bodies.json(body))).isEqualTo(Bodies.paths(Bodies.json(Fixtures.bytes("text.json"))));
    }

    @Test
    void statusesOnlyBodyHasTheEnvelopeOfMetasFixtureWithoutContacts() {
        WebhookComposer composer = new WebhookComposer(SimulatedBusiness.DEFAULT, random);

        byte[] body = composer.compose(statusesUntil(items -> items.size() == 3));

        assertThat(Bodies.paths(Bodies.json(body))).isEqualTo(Bodies.paths(Bodies.json(Fixtures.bytes("statuses.json"))));
    }

    @Test
    void bodiesAreWrittenAsMetaWritesThem() {
        WebhookComposer composer = new WebhookComposer(SimulatedBusiness.DEFAULT, random);

        byte[] body = composer.compose(List.of(messages.text(CONTACT, 1_778_000_101L, "Olá 😀 https://example.com/a")));

        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).matches("[\\x20-\\x7e]+").contains("Ol\\u00e1 \\ud83d\\ude00 https:\\/\\/example.com\\/a")
                .contains("Jos\\u00e9 Concei\\u00e7\\u00e3o \\ud83d\\ude00")
                .startsWith("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":")
                .doesNotContain("\": ", ", \"", "\n");
    }

    /** A message's statuses from a fresh generator; tries seeds until one makes the wanted sequence. */
    private static List<SimulatedItem> statusesUntil(Predicate<List<SimulatedItem>> wanted) {
        for (long seed = 0; ; seed++) {
            OutboundStatuses statuses = new OutboundStatuses("shapes", new SplittableRandom(seed));
            List<SimulatedItem> items = statuses.of("wamid.sim.shapes.out.1", CONTACT, 1_778_000_200L);
            if (wanted.test(items)) {
                return items;
            }
        }
    }

    private static JsonNode fixtureItem(String fixture, String array) {
        return Bodies.json(Fixtures.bytes(fixture)).path("entry").get(0).path("changes").get(0).path("value").path(array).get(0);
    }

    /** Leaves out what the simulator omits on purpose (see the class comment). */
    private static Set<String> withoutOptional(InboundType type, Set<String> paths) {
        String media = type.metaType + ".";
        return paths.stream().filter(path -> !path.equals(media + "sha256") && !path.equals(media + "url")
                && !path.equals(media + "caption")).collect(Collectors.toCollection(TreeSet::new));
    }
}
