/**
 * What to report: each answer (status, latency, the items it promised) as it comes, written to an answers file if
 * asked, counted, and summed up in a {@link io.wapipeline.traffic.report.SimulationReport}.
 */
package io.wapipeline.traffic.report;
