package io.wapipeline.worker.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a list, newest first; {@code nextCursor} fetches the next one and is null on the last page.
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

    /** An item with its place in the sort order. */
    record Row<T>(T item, Cursor position) {
    }

    /** The page from rows fetched with {@code limit + 1}: the extra row only tells that another page exists. */
    static <T> Page<T> of(List<Row<T>> rows, int limit) {
        List<Row<T>> page = rows.subList(0, Math.min(limit, rows.size()));
        String next = rows.size() > limit ? page.get(page.size() - 1).position().encode() : null;
        return new Page<>(page.stream().map(Row::item).toList(), next);
    }
}
