package io.wapipeline.traffic.compose;

import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The simulated users: distinct phone numbers from several countries, with profile names that carry accents, other
 * scripts and emoji, as real ones do.
 */
final class ContactBook {

    /** The subscriber part of each number is a seven-digit index. */
    static final int MAX_CONTACTS = 10_000_000;

    /** Country and area prefixes; a fixed-width index after them keeps the numbers distinct. */
    private static final List<String> PREFIXES = List.of(
            "55119", "49151", "9198", "3361", "1415", "52155", "447700", "3461", "234801", "62812", "39347", "54911");

    private static final List<String> NAMES = List.of(
            "José Conceição 😀", "Lena Schröder", "Priya Sharma", "Camille Dubois", "Jordan Lee", "Sofía Hernández",
            "Oliver Smith", "Lucía García", "Chinedu Okafor", "Budi Santoso", "Giulia Rossi", "Mateo Fernández",
            "Zoë Ångström", "Ahmet Yılmaz", "Nguyễn Thị Lan", "李雷", "Анна Петрова", "محمد علي",
            "Kenji 🎌");

    private final int size;

    ContactBook(int size) {
        this.size = size;
    }

    Contact pick(RandomGenerator random) {
        return get(random.nextInt(size));
    }

    Contact get(int index) {
        String number = PREFIXES.get(index % PREFIXES.size()) + String.format(Locale.ROOT, "%07d", index);
        return new Contact(number, NAMES.get(index % NAMES.size()));
    }
}
