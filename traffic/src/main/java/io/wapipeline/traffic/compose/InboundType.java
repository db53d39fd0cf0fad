package io.wapipeline.traffic.compose;

import java.util.random.RandomGenerator;

/** The inbound message types of the mixed traffic, with how often each comes (weights out of 100). */
enum InboundType {

    TEXT("text", 50),
    IMAGE("image", 10),
    VIDEO("video", 4),
    VOICE("audio", 6),
    DOCUMENT("document", 4),
    STICKER("sticker", 4),
    LOCATION("location", 3),
    CONTACTS("contacts", 2),
    BUTTON_REPLY("interactive", 4),
    LIST_REPLY("interactive", 4),
    BUTTON("button", 3),
    REACTION("reaction", 6);

    private static final int TOTAL_WEIGHT = 100;

    /** {@code messages[].type} as Meta writes it. */
    final String metaType;
    private final int weight;

    InboundType(String metaType, int weight) {
        this.metaType = metaType;
        this.weight = weight;
    }

    static InboundType pick(RandomGenerator random) {
        int ticket = random.nextInt(TOTAL_WEIGHT);
        for (InboundType type : values()) {
            ticket -= type.weight;
            if (ticket < 0) {
                return type;
            }
        }
        throw new IllegalStateException("the weights of InboundType do not add up to " + TOTAL_WEIGHT);
    }
}
