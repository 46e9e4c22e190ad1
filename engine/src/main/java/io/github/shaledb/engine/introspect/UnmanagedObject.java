package io.github.shaledb.engine.introspect;

import java.util.Comparator;
import java.util.Objects;

/**
 * An object Shale sees but does not manage.
 *
 * @param name   qualified as the catalog spells it, unquoted: {@code public.===} (an operator),
 *               {@code public.orders.note} (a column feature), {@code (text AS public.mood)} (a cast),
 *               {@code feed} (a publication, database-wide)
 * @param detail what tells it apart or what it sets, e.g. an operator's {@code (integer, integer)},
 *               a column's storage {@code EXTERNAL}; null when the name says all
 */
public record UnmanagedObject(UnmanagedKind kind, String name, String detail) implements Comparable<UnmanagedObject> {
    private static final Comparator<UnmanagedObject> ORDER = Comparator.comparing(UnmanagedObject::kind)
            .thenComparing(UnmanagedObject::name)
            .thenComparing(UnmanagedObject::detail, Comparator.nullsFirst(Comparator.naturalOrder()));

    public UnmanagedObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** {@code operator public.=== (integer, integer)}. */
    public String describe() {
        return kind.noun() + " " + name + (detail == null ? "" : " " + detail);
    }

    /** The {@code db.ignore} entry that names exactly this object's kind and name: {@code operator:public.===}. */
    public String ignoreEntry() {
        return kind.key() + ":" + name;
    }

    @Override
    public int compareTo(UnmanagedObject other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return describe();
    }
}
