/** The one HTTP error body of every service. */
package io.wapipeline.service.problem;
