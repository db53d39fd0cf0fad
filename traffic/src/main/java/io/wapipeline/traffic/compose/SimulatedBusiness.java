package io.wapipeline.traffic.compose;

import java.util.Objects;

/**
 * The business the simulated webhooks are addressed to: {@code metadata.display_phone_number},
 * {@code metadata.phone_number_id} and the WhatsApp Business Account id in {@code entry[].id}.
 */
public record SimulatedBusiness(String displayPhoneNumber, String phoneNumberId, String wabaId) {

    public static final String DEFAULT_DISPLAY_PHONE_NUMBER = "15551234567";
    public static final String DEFAULT_PHONE_NUMBER_ID = "109000000000001";
    public static final String DEFAULT_WABA_ID = "109000000000000";

    /** A 555 test number, and ids that belong to no real account. */
    public static final SimulatedBusiness DEFAULT =
            new SimulatedBusiness(DEFAULT_DISPLAY_PHONE_NUMBER, DEFAULT_PHONE_NUMBER_ID, DEFAULT_WABA_ID);

    public SimulatedBusiness {
        Objects.requireNonNull(displayPhoneNumber, "displayPhoneNumber");
        Objects.requireNonNull(phoneNumberId, "phoneNumberId");
        Objects.requireNonNull(wabaId, "wabaId");
    }
}
