/**
 * How to send it: a {@link io.wapipeline.traffic.send.Simulation} posts the traffic of its
 * {@link io.wapipeline.traffic.send.SimulationSettings} to an ingest URL under a {@link io.wapipeline.traffic.send.Load}
 * (a count or a duration, closed loop or a fixed rate), or hands out the signed bodies for a load generator that sends
 * by itself ({@link io.wapipeline.traffic.send.Simulation#bodies}). The entry points of {@code wa-ops simulate} and
 * the benchmarks.
 */
package io.wapipeline.traffic.send;
