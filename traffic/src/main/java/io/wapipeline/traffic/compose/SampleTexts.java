package io.wapipeline.traffic.compose;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What simulated users write: chat lines in several languages with accents, other scripts, emoji and URLs, so that
 * Meta's \\uXXXX and {@code \/} escapes, and with them the signature over raw bytes, are exercised by every run.
 */
final class SampleTexts {

    private static final List<String> LINES = List.of(
            "Olá! Peço o catálogo: https://example.com/cat?lang=pt 👍",
            "Guten Tag, ist meine Bestellung schon unterwegs? Viele Grüße",
            "¿Tienen envío a Sevilla? ¡Gracias! 🙏",
            "Can I change the delivery address to 221B Baker St, London NW1 6XE?",
            "नमस्ते, मेरा ऑर्डर कब आएगा?",
            "Merci beaucoup, c'est parfait ❤️",
            "订单号 4411 还没收到，请帮忙查一下",
            "Hi! Is the store open on Sunday? I'd like to pick up order #A-1029",
            "Quero remarcar para quarta às 9h30 😀",
            "Sipariş durumumu öğrenebilir miyim?",
            "Dzięki! Płatność wysłana 💸",
            "Please call me back at +1 415 555 0105 after 5pm / or email jordan@example.com",
            "ok 👌",
            "Obrigado!",
            "Where is my refund? Invoice 7731 was paid on 2026/05/04 (see https://example.com/i/7731)",
            "Здравствуйте! Можно оплатить картой при получении?");

    /** JSON-escaped bytes of each line, measured once: how the text mix reaches its body size without serialising. */
    private static final List<Integer> ESCAPED_BYTES = LINES.stream().map(SampleTexts::escapedBytes).toList();

    private SampleTexts() {
    }

    /** One or two lines, as a short chat message. */
    static String chatLine(RandomGenerator random) {
        String line = line(random);
        return random.nextInt(4) == 0 ? line + " " + line(random) : line;
    }

    /** Lines joined until the text takes at least {@code targetBytes} once escaped as Meta escapes it. */
    static String longText(RandomGenerator random, int targetBytes) {
        StringBuilder text = new StringBuilder();
        int bytes = 0;
        while (bytes < targetBytes) {
            int index = random.nextInt(LINES.size());
            text.append(text.length() == 0 ? "" : " ").append(LINES.get(index));
            bytes += ESCAPED_BYTES.get(index) + 1;
        }
        return text.toString();
    }

    private static String line(RandomGenerator random) {
        return LINES.get(random.nextInt(LINES.size()));
    }

    /** Bytes in a body written by {@link MetaJson}: \\uXXXX per UTF-16 char beyond ASCII, two for {@code / " \}. */
    static int escapedBytes(String text) {
        int bytes = 0;
        for (char c : text.toCharArray()) {
            bytes += c >= 0x80 ? 6 : "/\"\\".indexOf(c) >= 0 ? 2 : 1;
        }
        return bytes;
    }
}
