package io.github.shaledb.engine.lint;

/**
 * A column as a {@code CREATE TABLE} or {@code ALTER TABLE … ADD COLUMN} defines it.
 *
 * @param name           the column's name, folded as the server folds it
 * @param type           the type as written, lower-cased, one space between words ({@code character varying(20)},
 *                       {@code timestamp without time zone}, {@code int}); null when missing
 * @param defaultExpr    the {@code DEFAULT} expression as written; null when none
 * @param notNull        {@code NOT NULL} (or {@code PRIMARY KEY})
 * @param primaryKey     {@code PRIMARY KEY} on the column
 * @param unique         {@code UNIQUE} on the column
 * @param references     an inline {@code REFERENCES}; null when none
 * @param check          an inline {@code CHECK} expression; null when none
 * @param generatedStored {@code GENERATED ALWAYS AS (…) STORED}
 * @param identity       {@code GENERATED … AS IDENTITY}
 */
public record ColumnDef(String name, String type, String defaultExpr, boolean notNull, boolean primaryKey,
                        boolean unique, ConstraintDef references, String check, boolean generatedStored,
                        boolean identity) {

    /** @return whether the type is one of the {@code serial} pseudo-types (a sequence default) */
    public boolean serial() {
        return type != null && (type.equals("serial") || type.equals("bigserial") || type.equals("smallserial")
                || type.equals("serial4") || type.equals("serial8") || type.equals("serial2"));
    }
}
