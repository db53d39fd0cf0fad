package io.wapipeline.worker.console;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-minute counts as SVG bars (drawn by the template, no script): messages and statuses side by side in each
 * minute's slot, scaled to the largest count.
 *
 * @param bars   one per minute and series
 * @param width  the drawing's width
 * @param height the drawing's height
 * @param max    the largest count, the top of the scale
 * @param from   the first minute, as text
 * @param to     the last minute, as text
 */
record Chart(List<Bar> bars, int width, int height, long max, String from, String to) {

    /** One bar: where it stands and which series it belongs to ({@code messages} or {@code statuses}). */
    record Bar(int x, int y, int barWidth, int barHeight, String series, String title) {
    }

    private static final int SLOT = 4;
    private static final int HEIGHT = 120;

    static Chart of(List<PipelineStatus.Minute> minutes) {
        long max = Math.max(1, minutes.stream().mapToLong(m -> Math.max(m.messages(), m.statuses())).max().orElse(1));
        List<Bar> bars = new ArrayList<>();
        for (int n = 0; n < minutes.size(); n++) {
            PipelineStatus.Minute minute = minutes.get(n);
            bars.add(bar(n * SLOT, minute.messages(), max, "messages", minute.at() + ": " + minute.messages() + " messages"));
            bars.add(bar(n * SLOT + SLOT / 2, minute.statuses(), max, "statuses", minute.at() + ": " + minute.statuses() + " statuses"));
        }
        return new Chart(bars, Math.max(SLOT, minutes.size() * SLOT), HEIGHT, max,
                minutes.isEmpty() ? "" : minutes.get(0).at().toString(), minutes.isEmpty() ? "" : minutes.get(minutes.size() - 1).at().toString());
    }

    private static Bar bar(int x, long count, long max, String series, String title) {
        int height = (int) Math.round((double) count / max * HEIGHT);
        return new Bar(x, HEIGHT - height, SLOT / 2, height, series, title);
    }
}
