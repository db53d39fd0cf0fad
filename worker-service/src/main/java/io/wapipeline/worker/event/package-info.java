/** Everything that is not a message or a status: other fields, value-level errors, unreadable items. */
package io.wapipeline.worker.event;
