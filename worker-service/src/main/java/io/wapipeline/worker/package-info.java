/** worker-service: owns the database; turns raw webhooks into messages, statuses, conversations and events. */
package io.wapipeline.worker;
