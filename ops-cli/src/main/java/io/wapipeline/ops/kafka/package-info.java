/**
 * {@code wa-ops kafka}: the Kafka tools the operations guide names (topics, a group's lag, resetting a group's
 * offsets, adding partitions) for this system's topics and groups, through the admin client alone.
 */
package io.wapipeline.ops.kafka;
