/**
 * The benchmark harness: starts what a benchmark needs (the local stack, the no-op server), loads it from another
 * process ({@code wrk}, or {@code wa-ops simulate}'s engine), measures, and prints each figure beside its ceiling and
 * target. Benchmarks are not tests: a smoke mode of a few seconds each is run by a test so the harness cannot rot.
 */
package io.wapipeline.bench;
