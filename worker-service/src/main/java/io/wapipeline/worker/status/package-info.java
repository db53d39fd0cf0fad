/** Delivery statuses of outbound messages: a history per message, and the current status by precedence. */
package io.wapipeline.worker.status;
