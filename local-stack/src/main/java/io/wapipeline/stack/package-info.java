/**
 * The whole pipeline on one machine, without Docker: embedded Kafka and PostgreSQL, the fake Graph API, and the ingest
 * and worker jars as child processes, for a newcomer's first run and for end-to-end tests.
 */
package io.wapipeline.stack;
