package io.wapipeline.traffic.compose;

import java.util.List;

/**
 * One POST of a run: the body exactly as signed, and what it carries.
 *
 * @param inboundIds  the wamids of its inbound messages
 * @param outboundIds the wamids of the business's messages its statuses are about, once each
 * @param statuses    how many status items it carries
 * @param redelivery  whether this is a byte-identical second delivery of an earlier POST
 */
public record Post(byte[] body, String signature, List<String> inboundIds, List<String> outboundIds, int statuses,
        boolean redelivery) {

    static Post of(byte[] body, String signature, List<SimulatedItem> items) {
        List<String> inbound = items.stream().filter(SimulatedItem::isMessage).map(SimulatedItem::messageId).toList();
        List<String> outbound = items.stream().filter(item -> !item.isMessage()).map(SimulatedItem::messageId)
                .distinct().toList();
        return new Post(body, signature, inbound, outbound, items.size() - inbound.size(), false);
    }

    public int messages() {
        return inboundIds.size();
    }

    Post redelivered() {
        return new Post(body, signature, inboundIds, outboundIds, statuses, true);
    }
}
