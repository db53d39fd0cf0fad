/** Cross-cutting pieces: bulk SQL, text safe for PostgreSQL, the database URL. */
package io.wapipeline.worker.system;
