package io.github.shaledb.engine.suite;

import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.sql.SqlStatement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's project: one schema file, the migrations the verbs write, settings aimed at a case's target. */
record SchemaProject(Path directory, CaseDatabases databases) {

    void schemaFile(String sql) throws IOException {
        Path file = directory.resolve(Defaults.SCHEMA_DIRECTORY).resolve("schema.sql");
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
    }

    /** The target as {@code db.url}; the same server stands in for the shadow server, so no second server starts. */
    ShaleSettings.Builder settings() {
        return ShaleSettings.builder()
                .url(databases.target.jdbcUrl())
                .user(databases.target.user())
                .password(databases.target.password())
                .shadowUrl(databases.target.jdbcUrl())
                .schemas(databases.schemas)
                .projectDirectory(directory)
                .environment(Map.of());
    }

    /**
     * Each migration's statements either all run in a transaction or none can (CONCURRENTLY): db:migrate then
     * runs it in one transaction, or statement by statement, never half of a mixed one. And no migration validates a
     * constraint it added NOT VALID (its one transaction would hold the ADD's lock through the validation).
     */
    void assertEachMigrationKeepsItsTransaction(List<String> tags) throws IOException {
        Path root = directory.resolve(Defaults.MIGRATIONS_DIRECTORY);
        for (String tag : tags) {
            SqlScript script = SqlScript.parse(Files.readString(root.resolve(tag).resolve("migration.sql")));
            assertThat(script.statements().stream().map(SqlStatement::requiresNoTransaction).distinct().toList())
                    .as(tag + "/migration.sql mixes statements that run in a transaction with ones that cannot:\n"
                            + migrations()).hasSize(1);
            Set<String> addedNotValid = new HashSet<>();
            for (SqlStatement st : script.statements()) {
                Matcher add = ADD_NOT_VALID.matcher(st.text().strip());
                if (add.matches()) {
                    addedNotValid.add(add.group(1) + " " + add.group(2));
                }
                Matcher validate = VALIDATE.matcher(st.text().strip());
                assertThat(validate.matches() && addedNotValid.contains(validate.group(1) + " " + validate.group(2)))
                        .as(tag + "/migration.sql validates a constraint it added NOT VALID:\n" + migrations()).isFalse();
            }
        }
    }

    private static final Pattern ADD_NOT_VALID = Pattern.compile("(?:--[^\\n]*\\n)*ALTER (?:TABLE|DOMAIN) (\\S+) ADD CONSTRAINT (\\S+) .* NOT VALID;?",
            Pattern.DOTALL);
    private static final Pattern VALIDATE = Pattern.compile("(?:--[^\\n]*\\n)*ALTER (?:TABLE|DOMAIN) (\\S+) VALIDATE CONSTRAINT (\\S+?);?");

    /** Every generated migration.sql and down.sql, headed by its path: what to read when a case fails. */
    String migrations() throws IOException {
        Path root = directory.resolve(Defaults.MIGRATIONS_DIRECTORY);
        if (!Files.isDirectory(root)) {
            return "(no migrations folder)";
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".sql")).sorted().map(p -> {
                try {
                    return "--- " + root.relativize(p) + "\n" + Files.readString(p);
                } catch (IOException e) {
                    return "--- " + root.relativize(p) + ": " + e.getMessage();
                }
            }).collect(Collectors.joining("\n"));
        }
    }
}
