/** {@code wa-ops redrive}: dead letters back into the pipeline once their cause is fixed. */
package io.wapipeline.ops.redrive;
