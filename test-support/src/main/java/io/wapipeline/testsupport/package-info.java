/** Brokers and databases that integration tests share, started once per test JVM. */
package io.wapipeline.testsupport;
