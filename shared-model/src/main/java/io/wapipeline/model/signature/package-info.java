/** Meta's {@code X-Hub-Signature-256}: HMAC-SHA256 of the raw body, signed and checked in constant time. */
package io.wapipeline.model.signature;
