/** What integration tests share: Kafka and PostgreSQL started once per test JVM, webhook fixtures, a fake Graph API, a TCP proxy. */
package io.wapipeline.testsupport;
