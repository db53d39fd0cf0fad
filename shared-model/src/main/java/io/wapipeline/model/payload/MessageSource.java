package io.wapipeline.model.payload;

/**
 * Where a message came from: Meta's live {@code messages[]}, a coexistence business's reply sent from the WhatsApp
 * Business app ({@code smb_message_echoes}), or the chat history shared at onboarding ({@code history}).
 */
public enum MessageSource {
    LIVE, ECHO, HISTORY;

    /** The name stored and served: {@code live}, {@code echo}, {@code history}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
