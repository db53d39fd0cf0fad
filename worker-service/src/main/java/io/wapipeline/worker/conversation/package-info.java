/** Conversations: one per business number and contact, counting only newly stored messages. */
package io.wapipeline.worker.conversation;
