/** Settings, start-up checks and Kafka wiring of the ingest. */
package io.wapipeline.ingest.config;
