package io.wapipeline.bench;

import java.util.List;

/**
 * One line of the results table.
 *
 * @param benchmark what was measured
 * @param figure    the measured value, formatted
 * @param ceiling   the same measured against the ceiling, or "" when there is none
 * @param ratio     figure ÷ ceiling, or "" when there is none
 * @param target    the target from the issue, or ""
 * @param verdict   "met", "missed" or "" (no target)
 */
record Row(String benchmark, String figure, String ceiling, String ratio, String target, String verdict) {

    static Row measured(String benchmark, String figure) {
        return new Row(benchmark, figure, "", "", "", "");
    }

    static Row against(String benchmark, String figure, String target, boolean met) {
        return new Row(benchmark, figure, "", "", target, met ? "met" : "missed");
    }

    static Row withCeiling(String benchmark, double value, double ceiling, String unit, String target, boolean met) {
        return new Row(benchmark, "%,.0f %s".formatted(value, unit), "%,.0f %s".formatted(ceiling, unit),
                "%.2f".formatted(value / ceiling), target, target.isEmpty() ? "" : met ? "met" : "missed");
    }

    List<String> cells() {
        return List.of(benchmark, figure, ceiling, ratio, target, verdict);
    }
}
