/**
 * What the store's repositories take, shared by the consumer above them: an item with the record it came from
 * ({@link io.wapipeline.worker.store.Received}, {@link io.wapipeline.worker.store.Origin}) and the keys a message is
 * filed under ({@link io.wapipeline.worker.store.MessageKeys}). Depends on nothing else of the worker.
 */
package io.wapipeline.worker.store;
