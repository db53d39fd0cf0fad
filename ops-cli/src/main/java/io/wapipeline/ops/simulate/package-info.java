/**
 * {@code wa-ops simulate}: Meta-shaped, correctly signed webhook traffic for an ingest URL, as a command and as the
 * load generator of benchmarks and end-to-end tests ({@link io.wapipeline.ops.simulate.Simulation}).
 */
package io.wapipeline.ops.simulate;
