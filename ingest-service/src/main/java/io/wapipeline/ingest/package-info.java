/** ingest-service: the thin edge between Meta and Kafka. It parses no more of a payload than its key. */
package io.wapipeline.ingest;
