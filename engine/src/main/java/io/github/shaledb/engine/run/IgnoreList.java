package io.github.shaledb.engine.run;

import io.github.shaledb.engine.introspect.UnmanagedKind;
import io.github.shaledb.engine.introspect.UnmanagedObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code db.ignore}: the objects Shale does not manage that generate, push and check keep quiet about.
 * Entries are comma-separated, each {@code kind:name} or {@code name}; the name is qualified as messages
 * print it ({@code public.===}, {@code public.orders.note}) and {@code *} stands for any run of characters.
 * The kind is a {@link UnmanagedKind#key()} ({@code operator}, {@code text-search-configuration}); without
 * one, the entry matches objects of every kind.
 */
public final class IgnoreList {
    private record Entry(String text, UnmanagedKind kind, Pattern name, boolean unknownKind) {
        boolean matches(UnmanagedObject o) {
            return !unknownKind && (kind == null || kind == o.kind()) && name.matcher(o.name()).matches();
        }
    }

    /** How many of the objects found a warning about an unused entry lists. */
    private static final int LISTED = 10;

    private final List<Entry> entries;

    private IgnoreList(List<Entry> entries) {
        this.entries = entries;
    }

    /** @param raw the setting as given; null (unset) ignores nothing; an entry may itself hold commas */
    public static IgnoreList of(List<String> raw) {
        List<Entry> entries = new ArrayList<>();
        if (raw != null) {
            raw.stream().flatMap(r -> Arrays.stream(r.split(","))).map(String::trim).filter(e -> !e.isEmpty())
                    .forEach(e -> entries.add(entry(e)));
        }
        return new IgnoreList(List.copyOf(entries));
    }

    private static Entry entry(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new Entry(text, null, glob(text), false);
        }
        var kind = UnmanagedKind.byKey(text.substring(0, colon));
        return new Entry(text, kind.orElse(null), glob(text.substring(colon + 1).trim()), kind.isEmpty());
    }

    private static Pattern glob(String pattern) {
        return Pattern.compile(Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
    }

    public boolean ignores(UnmanagedObject o) {
        return entries.stream().anyMatch(e -> e.matches(o));
    }

    /**
     * What to say about entries that match none of {@code found} (a typo, or an object since removed):
     * one sentence each, naming the entry.
     */
    List<String> unused(Collection<UnmanagedObject> found) {
        List<String> warnings = new ArrayList<>();
        for (Entry e : entries) {
            if (e.unknownKind()) {
                warnings.add("db.ignore entry '" + e.text() + "' names no kind of object Shale knows; the kinds are "
                        + Arrays.stream(UnmanagedKind.values()).map(UnmanagedKind::key).collect(Collectors.joining(", "))
                        + ".");
            } else if (found.stream().noneMatch(e::matches)) {
                List<String> names = found.stream().map(UnmanagedObject::ignoreEntry).distinct().toList();
                warnings.add("db.ignore entry '" + e.text() + "' matches no object that Shale does not manage ("
                        + (names.isEmpty() ? "there is none" : "there are " + String.join(", ",
                        names.subList(0, Math.min(LISTED, names.size()))) + (names.size() > LISTED ? ", …" : ""))
                        + "); remove it or correct it.");
            }
        }
        return warnings;
    }
}
