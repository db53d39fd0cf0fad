/** {@code wa-ops doctor}: the troubleshooting checklist, automated; each failed check names its fix. */
package io.wapipeline.ops.doctor;
