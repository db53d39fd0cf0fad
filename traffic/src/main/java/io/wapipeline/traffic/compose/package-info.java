/**
 * What to send: Meta-shaped webhook traffic from a seed ({@link io.wapipeline.traffic.compose.Traffic},
 * {@link io.wapipeline.traffic.compose.Mix}): inbound messages of every type, the statuses of outbound ones, batched
 * into bodies, signed ({@link io.wapipeline.traffic.compose.SignedBody}), with re-deliveries, as
 * {@link io.wapipeline.traffic.compose.Post}s in sending order. Depends on nothing else of the library.
 */
package io.wapipeline.traffic.compose;
