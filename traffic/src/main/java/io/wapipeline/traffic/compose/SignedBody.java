package io.wapipeline.traffic.compose;

/**
 * One webhook body exactly as a run would POST it, with its {@code X-Hub-Signature-256} value and the number of
 * inbound messages and status items it carries.
 */
public record SignedBody(byte[] body, String signature, int messages, int statuses, boolean redelivery) {
}
