/** Password and token guessing slowed: failures counted per user name and per client address, then a growing lock. */
package io.wapipeline.worker.lockout;
