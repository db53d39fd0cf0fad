/**
 * Reading a topic's records by selection without a consumer group (so no live group's offsets move), and publishing
 * records with every send acknowledged (copies to the reprocess topic among them): what {@code replay},
 * {@code redrive} and {@code import-django} share.
 */
package io.wapipeline.ops.records;
