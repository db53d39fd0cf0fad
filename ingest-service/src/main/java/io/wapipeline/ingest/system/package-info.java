/** Cross-cutting pieces: health. */
package io.wapipeline.ingest.system;
