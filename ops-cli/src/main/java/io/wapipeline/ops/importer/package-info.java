/**
 * {@code wa-ops import-django}: the messages of a Django webhook app, turned into webhooks on the raw topic that the
 * worker stores exactly as live traffic. The Django database is only read; this system's only through the worker.
 */
package io.wapipeline.ops.importer;
