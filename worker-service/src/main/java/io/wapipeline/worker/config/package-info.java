/** Settings, start-up checks, topics, and the consumer's retry policy. */
package io.wapipeline.worker.config;
