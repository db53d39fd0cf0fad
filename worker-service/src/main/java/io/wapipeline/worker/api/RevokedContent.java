package io.wapipeline.worker.api;

/**
 * What the read API and the console show of a message its sender deleted ({@code whatsapp.api.revoked-content}).
 * Either way the message is marked deleted and the database keeps every row: erasing stored content is another matter.
 */
enum RevokedContent {

    /** Everything stored, marked deleted: the business's record of what was said to it. */
    KEEP,

    /** Text, caption, location, media, earlier versions and the raw payload left out, saying why: the sender's wish. */
    HIDE
}
