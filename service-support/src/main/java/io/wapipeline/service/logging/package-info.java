/** Log lines that stay one line and few: remote text escaped, repeated warnings throttled. */
package io.wapipeline.service.logging;
