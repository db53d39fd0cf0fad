/**
 * What the local stack runs and the tests reuse: Apache Kafka's own broker as one KRaft node, the fake Graph API, and
 * the orphan guard that stops the processes a JVM started when it ends without stopping them, and the requests with broken
 * HTTP/1.1 framing that the services' tests and the hostile suite send.
 */
package io.wapipeline.stackkit;
