package io.wapipeline.ops.kafka;

import java.util.Locale;

/** Sizes as people read them: 812 B, 48.3 KiB, 1.2 MiB. */
final class Bytes {

    private static final String[] UNITS = { "B", "KiB", "MiB", "GiB", "TiB" };

    private Bytes() {
    }

    static String readable(long bytes) {
        double size = bytes;
        int unit = 0;
        while (size >= 1024 && unit < UNITS.length - 1) {
            size /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", size, UNITS[unit]);
    }
}
