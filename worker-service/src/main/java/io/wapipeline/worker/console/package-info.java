/**
 * The operator console under {@code /console/}: server-rendered pages (Thymeleaf) behind Spring Security's form
 * sign-in, for the users of {@code WHATSAPP_CONSOLE_USERS}. Reads through the read API's queries.
 */
package io.wapipeline.worker.console;
