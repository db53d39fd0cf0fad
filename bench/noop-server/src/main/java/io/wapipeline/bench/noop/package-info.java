/** The ceiling of the ingest benchmarks: the same Spring MVC on Tomcat, answering the same POST without any work. */
package io.wapipeline.bench.noop;
