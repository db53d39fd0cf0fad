package io.wapipeline.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real webhook bodies (the conformance corpus), each changed in one to three places the way a broken or hostile
 * sender would: a value of the wrong JSON type, huge and tiny numbers, impossible timestamps, long strings, NUL and
 * control characters, deep nesting, missing and null members, unknown types and fields, repeated items.
 */
public final class WebhookMutations {

    /** Reads and writes anything the mutations make, however deep or long. */
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100_000).maxNumberLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE).build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(100_000).build()).build()).build();

    private static final int MAX_PLACE_DEPTH = 30;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> VALUES = List.of("253402300800", "-62135596801", "1e300", "-1e300", "1e-300", "0",
            "TIMESTAMP", "", "\u0000", "line\nbreak\r\n2026-12-01 ERROR forged", "\u202Eevil.exe", "text", "image",
            "no_such_type", "unsupported", "statuses", "messages", "null");

    private WebhookMutations() {
    }

    /** Mutated bodies of the conformance corpus (the files that are JSON). */
    public static Arbitrary<byte[]> ofConformanceCorpus() {
        return of(Conformance.cases().stream().filter(Conformance.Case::strictJson).map(Conformance.Case::body).toList());
    }

    /**
     * Mutated bodies of this project's own webhook fixtures, present on every clone. Their message ids, numbers and
     * media ids are moved out of the fixtures' own ({@link #renamed}), so that what fuzzing stores never stands in the
     * way of a test that stores a fixture as it is in the same database.
     */
    public static Arbitrary<byte[]> ofFixtures() {
        return of(Fixtures.names().stream().filter(name -> name.endsWith(".json"))
                .map(name -> JSON.writeValueAsBytes(renamed(JSON.readTree(Fixtures.bytes(name))))).toList());
    }

    /**
     * {@code wamid.X} as {@code wamid.FUZZ-X} (a call's {@code wacid.X} likewise), and any other id or number of six
     * digits or more with a 7 before it.
     */
    static JsonNode renamed(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (value.isString() && !name.contains("timestamp")) {
                    object.put(name, renamed(value.asString()));
                }
                else {
                    renamed(value);
                }
            }
        }
        else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                if (element.isString()) {
                    array.set(i, NODES.stringNode(renamed(element.asString())));
                }
                else {
                    renamed(element);
                }
            }
        }
        return node;
    }

    private static String renamed(String value) {
        for (String prefix : List.of("wamid.", "wacid.")) {
            if (value.startsWith(prefix)) {
                return prefix + "FUZZ-" + value.substring(prefix.length());
            }
        }
        return value.length() >= 6 && value.chars().allMatch(Character::isDigit) ? "7" + value : value;
    }

    /** The fixtures, and the conformance corpus too where it is found. */
    public static Arbitrary<byte[]> ofFixturesAndCorpus() {
        return Conformance.find().isPresent() ? Arbitraries.oneOf(ofFixtures(), ofConformanceCorpus()) : ofFixtures();
    }

    private static Arbitrary<byte[]> of(List<byte[]> bodies) {
        List<JsonNode> seeds = bodies.stream().map(body -> JSON.readTree(body)).toList();
        return Combinators.combine(Arbitraries.of(seeds), Arbitraries.longs(), Arbitraries.integers().between(1, 3))
                .as(WebhookMutations::mutate);
    }

    /** {@code body} changed in {@code changes} places chosen by {@code seed}. */
    public static byte[] mutate(JsonNode body, long seed, int changes) {
        Random random = new Random(seed);
        JsonNode copy = body.deepCopy();
        for (int i = 0; i < changes; i++) {
            copy = mutateOnce(copy, random);
        }
        return JSON.writeValueAsBytes(copy);
    }

    private static JsonNode mutateOnce(JsonNode root, Random random) {
        List<Place> places = new ArrayList<>();
        collect(root, null, null, -1, 0, places);
        Place place = places.get(random.nextInt(places.size()));
        JsonNode replacement = switch (random.nextInt(9)) {
            case 0 -> wrongType(place.node(), random);
            case 1 -> number(random);
            case 2 -> NODES.stringNode(VALUES.get(random.nextInt(VALUES.size())));
            case 3 -> NODES.stringNode("x".repeat(1 + random.nextInt(random.nextBoolean() ? 4_000 : 200_000)));
            case 4 -> nested(place.node(), 400 + random.nextInt(1_600), random);
            case 5 -> null; // remove the member or element
            case 6 -> NODES.nullNode();
            case 7 -> withUnknownMember(place.node(), random);
            default -> repeated(place.node());
        };
        if (place.parent() == null) {
            return replacement == null ? NODES.objectNode() : replacement;
        }
        replace(place, replacement);
        return root;
    }

    /** Every place down to {@value #MAX_PLACE_DEPTH} levels: deeper ones are the inside of an earlier nesting. */
    private static void collect(JsonNode node, JsonNode parent, String name, int index, int depth, List<Place> places) {
        places.add(new Place(node, parent, name, index));
        if (depth >= MAX_PLACE_DEPTH) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                collect(member.getValue(), node, member.getKey(), -1, depth + 1, places);
            }
        }
        else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), node, null, i, depth + 1, places);
            }
        }
    }

    private static void replace(Place place, JsonNode replacement) {
        if (place.parent() instanceof ObjectNode object) {
            if (replacement == null) {
                object.remove(place.name());
            }
            else {
                object.set(place.name(), replacement);
            }
        }
        else if (place.parent() instanceof ArrayNode array) {
            if (replacement == null) {
                array.remove(place.index());
            }
            else {
                array.set(place.index(), replacement);
            }
        }
    }

    private static JsonNode wrongType(JsonNode node, Random random) {
        if (node.isString()) {
            return random.nextBoolean() ? NODES.numberNode(random.nextLong()) : NODES.arrayNode().add(node);
        }
        if (node.isNumber()) {
            return NODES.stringNode(node.asString() + "x");
        }
        if (node.isContainer()) {
            return random.nextBoolean() ? NODES.stringNode(JSON.writeValueAsString(node)) : NODES.booleanNode(true);
        }
        return NODES.objectNode().set("was", node);
    }

    private static JsonNode number(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.numberNode(new java.math.BigInteger("9".repeat(5_000)));
            case 1 -> NODES.numberNode(random.nextBoolean() ? 1e300 : -1e300);
            case 2 -> NODES.numberNode(new java.math.BigDecimal("1e-300"));
            case 3 -> NODES.numberNode(random.nextBoolean() ? 253_402_300_800L : -62_135_596_801L);
            default -> NODES.numberNode(random.nextLong());
        };
    }

    private static JsonNode nested(JsonNode node, int depth, Random random) {
        JsonNode nested = node;
        for (int i = 0; i < depth; i++) {
            nested = random.nextBoolean() ? NODES.arrayNode().add(nested) : NODES.objectNode().set("n", nested);
        }
        return nested;
    }

    private static JsonNode withUnknownMember(JsonNode node, Random random) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode changed = (ObjectNode) node;
        if (changed.has("type") && random.nextBoolean()) {
            changed.put("type", "type_from_the_future_" + random.nextInt(100));
        }
        else {
            changed.put("unknown_" + random.nextInt(1000), VALUES.get(random.nextInt(VALUES.size())));
        }
        return changed;
    }

    private static JsonNode repeated(JsonNode node) {
        return node.isArray() && !node.isEmpty() ? ((ArrayNode) node).add(node.get(0)) : node;
    }

    private record Place(JsonNode node, JsonNode parent, String name, int index) {
    }
}
