/**
 * The wire contract between the ingest edge, the workers and the operator tools: topic and header names,
 * the partition key, and (in sub-packages) the signature code and the payload model.
 */
package io.wapipeline.model;
