/** Cross-cutting pieces: the one error body, and health. */
package io.wapipeline.ingest.system;
