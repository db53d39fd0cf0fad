/** Start-up checks of the environment variables a service cannot run without, and the Kafka login they give. */
package io.wapipeline.service.settings;
