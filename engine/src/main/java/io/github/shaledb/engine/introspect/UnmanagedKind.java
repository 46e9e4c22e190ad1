package io.github.shaledb.engine.introspect;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The kinds of object, and the table and column features, that Shale sees in the managed schemas (and, for
 * database-wide kinds, in the database) but does not reproduce: the schema model does not hold them, so no
 * migration creates, changes or drops them. Each has a {@link #key()} for {@code db.ignore} entries.
 */
public enum UnmanagedKind {
    ACCESS_METHOD("access method"),
    BASE_TYPE("base type"),
    CAST("cast"),
    CLUSTERING("clustering"),
    COLUMN_COMPRESSION("column compression"),
    COLUMN_OPTIONS("column options"),
    COLUMN_STATISTICS_TARGET("column statistics target"),
    COLUMN_STORAGE("column storage"),
    CONVERSION("conversion"),
    FOREIGN_DATA_WRAPPER("foreign-data wrapper"),
    FOREIGN_SERVER("foreign server"),
    FOREIGN_TABLE("foreign table"),
    LANGUAGE("language"),
    OPERATOR("operator"),
    OPERATOR_CLASS("operator class"),
    OPERATOR_FAMILY("operator family"),
    PUBLICATION("publication"),
    REPLICA_IDENTITY("replica identity"),
    RULE("rule"),
    SECURITY_LABEL("security label"),
    STATISTICS_OBJECT("statistics object"),
    SUBSCRIPTION("subscription"),
    TABLE_ACCESS_METHOD("table access method"),
    TABLE_INHERITANCE("table inheritance"),
    TABLESPACE("tablespace"),
    TEXT_SEARCH_CONFIGURATION("text search configuration"),
    TEXT_SEARCH_DICTIONARY("text search dictionary"),
    TEXT_SEARCH_PARSER("text search parser"),
    TEXT_SEARCH_TEMPLATE("text search template"),
    TRANSFORM("transform"),
    TYPED_TABLE("typed table"),
    USER_MAPPING("user mapping");

    private static final Map<String, UnmanagedKind> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(UnmanagedKind::key, Function.identity()));

    private final String noun;
    private final String key;

    UnmanagedKind(String noun) {
        this.noun = noun;
        this.key = normalized(noun);
    }

    /** As messages name it: {@code operator class}. */
    public String noun() {
        return noun;
    }

    /** As {@code db.ignore} entries and the catalog query name it: {@code operator-class}. */
    public String key() {
        return key;
    }

    /** The kind a key names, in any case, with spaces or underscores for the hyphens. */
    public static Optional<UnmanagedKind> byKey(String text) {
        return Optional.ofNullable(BY_KEY.get(normalized(text)));
    }

    private static String normalized(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
    }
}
