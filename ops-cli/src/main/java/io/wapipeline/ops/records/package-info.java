/**
 * Reading a topic's records by selection without a consumer group (so no live group's offsets move), and sending
 * copies to the reprocess topic: what {@code replay} and {@code redrive} share.
 */
package io.wapipeline.ops.records;
