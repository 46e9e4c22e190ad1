package io.github.shaledb.engine.schema;

/**
 * An extension of the database (every one but the built-in {@code plpgsql}). Its member types, functions and
 * operators are not part of the model one by one: what uses them depends on {@code extension name}.
 *
 * @param schema         where its objects live ({@code WITH SCHEMA})
 * @param version        the installed version
 * @param defaultVersion whether {@code version} is the server's default for it: only a version the schema files
 *                       asked for ({@code VERSION '1.4'}) is written into {@code CREATE EXTENSION}
 * @param relocatable    whether {@code ALTER EXTENSION … SET SCHEMA} can move it
 * @param comment        its comment: the one {@code CREATE EXTENSION} sets from the extension's control file, unless
 *                       changed
 * @param defaultComment whether {@code comment} is that one: only another one is written after {@code CREATE
 *                       EXTENSION} (a {@code COMMENT ON EXTENSION} needs its owner, which a user of an extension
 *                       installed by the platform is not)
 */
public record Extension(String name, String schema, String version, boolean defaultVersion, boolean relocatable,
                        String comment, boolean defaultComment) {
}
