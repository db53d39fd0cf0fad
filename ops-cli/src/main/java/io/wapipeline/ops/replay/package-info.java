/** {@code wa-ops replay}: print or reprocess a selection of the raw (or dead-letter) topic. */
package io.wapipeline.ops.replay;
