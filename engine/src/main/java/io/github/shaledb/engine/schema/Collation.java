package io.github.shaledb.engine.schema;

/**
 * A collation ({@code CREATE COLLATION}).
 *
 * @param provider      {@code libc}, {@code icu} or {@code builtin}
 * @param locale        the locale when one names both sides ({@code und-u-ks-level2} for ICU, {@code C} for libc)
 * @param lcCollate     libc's {@code LC_COLLATE} when it differs from {@code LC_CTYPE} (then {@code locale} is null)
 * @param lcCtype       libc's {@code LC_CTYPE}, likewise
 * @param deterministic false for a nondeterministic collation
 * @param rules         ICU tailoring rules (PostgreSQL 16 and later); null if none
 */
public record Collation(QualifiedName name, String provider, String locale, String lcCollate, String lcCtype,
                        boolean deterministic, String rules, String comment) {
}
