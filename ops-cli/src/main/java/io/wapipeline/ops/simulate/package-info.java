/**
 * {@code wa-ops simulate}: the command line over the traffic library ({@link io.wapipeline.traffic.send.Simulation}):
 * its options, the progress line, Ctrl-C, and the summary it prints.
 */
package io.wapipeline.ops.simulate;
