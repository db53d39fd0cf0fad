/**
 * The tolerant model of Meta's webhook payloads and the parser that makes it: payload bytes in, typed events out.
 * Every item of a batched POST becomes an event; what is not understood is kept as raw JSON, never dropped.
 */
package io.wapipeline.model.payload;
