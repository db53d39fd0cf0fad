/**
 * Calls of the Calling API: one row per call, merged from its reports (connect, terminate, call statuses) into the
 * same row whatever their order, and each report kept once.
 */
package io.wapipeline.worker.call;
