/** Start-up checks of the environment variables a service cannot run without. */
package io.wapipeline.service.settings;
