package io.github.shaledb.engine.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Immutable, sorted copies: the model's lists are in one order however the catalog returned them. */
final class Sorted {
    private Sorted() {
    }

    static <T, K extends Comparable<? super K>> List<T> by(List<T> items, Function<T, K> key) {
        if (items == null) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing(key));
        return List.copyOf(copy);
    }

    static <T extends Comparable<? super T>> List<T> natural(List<T> items) {
        return by(items, Function.identity());
    }

    /** The item of a list sorted by {@link #by} whose key equals {@code wanted}: a binary search, not a scan. */
    static <T, K extends Comparable<? super K>> Optional<T> find(List<T> sorted, Function<T, K> key, K wanted) {
        int low = 0;
        int high = sorted.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            T item = sorted.get(middle);
            int c = key.apply(item).compareTo(wanted);
            if (c == 0) {
                return Optional.of(item);
            }
            if (c < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return Optional.empty();
    }

    /** Where the order means something (enum labels, key columns): copied, not sorted. */
    static <T> List<T> kept(List<T> items) {
        return items == null ? List.of() : List.copyOf(items);
    }
}
