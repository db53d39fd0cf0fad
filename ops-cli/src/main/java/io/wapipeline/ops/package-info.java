/** {@code wa-ops}: the operators' command line. Each subcommand lives in its own package. */
package io.wapipeline.ops;
