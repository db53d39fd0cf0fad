package io.wapipeline.model.payload;

/**
 * The business side of an update: the WhatsApp Business Account ({@code entry[].id}) and the business phone number
 * from {@code value.metadata}; any of them may be null (account-level fields carry no metadata).
 */
public record Business(String wabaId, String phoneNumberId, String displayPhoneNumber) {
}
