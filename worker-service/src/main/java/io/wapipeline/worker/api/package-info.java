/**
 * The read API ({@code /api/whatsapp/messages/}, {@code /api/whatsapp/conversations/}, {@code /api/whatsapp/calls/}):
 * what the worker stored, newest first, with keyset pagination, behind bearer tokens.
 */
package io.wapipeline.worker.api;
