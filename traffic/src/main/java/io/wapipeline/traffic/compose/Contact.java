package io.wapipeline.traffic.compose;

/** A simulated WhatsApp user: the phone number ({@code wa_id}) and the profile name. */
record Contact(String waId, String name) {
}
