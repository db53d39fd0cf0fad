/** The environment variables operators set, as Meta users know them, and the misspellings we point out. */
package io.wapipeline.model.settings;
