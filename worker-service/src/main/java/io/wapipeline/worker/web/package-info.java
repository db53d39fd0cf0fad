/**
 * What the read API and the media endpoints share: the one problem body for their failures, with a request id that
 * is also in the log line, and their OpenAPI document's common parts (the bearer scheme, the problem answers, the
 * schemas of answer records). Depends on nothing else of the worker.
 */
package io.wapipeline.worker.web;
