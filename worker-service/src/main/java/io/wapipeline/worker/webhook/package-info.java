/** The consumer: raw webhook records in, one database transaction per batch, poison records to the dead-letter topic. */
package io.wapipeline.worker.webhook;
