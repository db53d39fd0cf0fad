/** Inbound messages: stored once per wamid. */
package io.wapipeline.worker.message;
