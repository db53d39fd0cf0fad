/**
 * The benchmark harness: starts what a benchmark needs (the local stack, the no-op server), loads it from another
 * process ({@code wrk}, or {@code wa-ops simulate}'s engine), measures, and prints each figure beside its ceiling and
 * target. Benchmarks are not tests: a smoke mode of a few seconds each is run by a test so the harness cannot rot.
 * The fault suite ({@link io.wapipeline.bench.FaultSuite}) uses the same pieces to inject faults under load and check
 * that nothing acknowledged is lost or stored twice.
 */
package io.wapipeline.bench;
