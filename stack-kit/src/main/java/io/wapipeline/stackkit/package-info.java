/** What the local stack runs and the tests reuse: Apache Kafka's own broker as one KRaft node, and the fake Graph API. */
package io.wapipeline.stackkit;
