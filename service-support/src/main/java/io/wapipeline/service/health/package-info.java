/** Health contributions both services share. */
package io.wapipeline.service.health;
