package io.wapipeline.model.payload;

import java.time.Instant;

/**
 * One inbound message ({@code messages[]} item), whatever its type.
 *
 * @param business          the business number it was sent to
 * @param messageId         the wamid; for an item without one, {@code sha256:<hex of its JSON>} so it still dedupes
 * @param from              the sender's phone number (absent for some business-scoped users)
 * @param fromUserId        the sender's business-scoped user id, when present
 * @param contactName       the sender's profile name from {@code contacts[]}
 * @param contactUsername   the sender's username from {@code contacts[]}
 * @param type              {@code type} as sent; {@code unknown} when absent
 * @param timestamp         when the user sent it; null when absent or not a number
 * @param textBody          the message's readable text: text body, caption, button text, reply title, system body,
 *                          order text or location name
 * @param caption           the media caption
 * @param media             the attachment of image, video, audio, document and sticker messages
 * @param location          the location of a location message
 * @param context           what this message replies to
 * @param reactionMessageId the message reacted to
 * @param reactionEmoji     the emoji; null or empty when a reaction is removed
 * @param interactiveType   {@code button_reply}, {@code list_reply}, {@code nfm_reply}, …
 * @param replyId           the id of the chosen button or list row, or the quick-reply button's payload
 * @param replyTitle        the title of the chosen button or row, or the quick-reply button's text
 * @param systemType        {@code system.type}
 * @param revokedMessageId  the message a revoke withdrew
 * @param referralJson      {@code referral} (click-to-WhatsApp ads) as JSON
 * @param errorsJson        {@code errors[]} of the message as JSON
 * @param rawJson           the whole item as JSON
 * @param fromParentUserId  the sender's parent BSUID (business portfolios), when present
 * @param groupId           the group an inbound group message was sent in; null for one-to-one messages
 * @param source            live, echoed from the WhatsApp Business app, or shared history
 * @param outbound          true for a message the business sent (echoes, history {@code from_me})
 * @param to                for an outbound message, the user it went to
 * @param historyStatus     {@code history_context.status} of a history message
 * @param editedMessageId   for {@code type: "edit"}, the message it edits ({@code edit.original_message_id}); the
 *                          edit's new content is in {@code textBody}, {@code caption} and {@code media}
 * @param identityChange    for {@code system} messages that change a user's ids; null otherwise
 */
public record MessageReceived(
        Business business,
        String messageId,
        String from,
        String fromUserId,
        String contactName,
        String contactUsername,
        String type,
        Instant timestamp,
        String textBody,
        String caption,
        Media media,
        Location location,
        ReplyContext context,
        String reactionMessageId,
        String reactionEmoji,
        String interactiveType,
        String replyId,
        String replyTitle,
        String systemType,
        String revokedMessageId,
        String referralJson,
        String errorsJson,
        String rawJson,
        String fromParentUserId,
        String groupId,
        MessageSource source,
        boolean outbound,
        PersonIds to,
        String historyStatus,
        String editedMessageId,
        IdentityChange identityChange) implements WebhookItem {

    @Override
    public String field() {
        return switch (source) {
            case LIVE -> "messages";
            case ECHO -> "smb_message_echoes";
            case HISTORY -> "history";
        };
    }

    /** The user on the other side: the sender of an inbound message, the recipient of an outbound one. */
    public PersonIds customer() {
        return outbound ? to : new PersonIds(from, fromUserId, fromParentUserId);
    }

    /** The id the customer is named by here: the phone number, else the business-scoped user id. */
    public String contactId() {
        return customer().preferred();
    }
}
