/** Media download jobs, written with their message so no download is lost to dedupe. */
package io.wapipeline.worker.media;
