package io.github.shaledb.maven;

import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** What db:migrate does with its settings; how Maven configures it is MigrateGoalTest's. */
class MigrateMojoTest {
    @TempDir
    Path project;

    @Test
    void theDryRunFileHoldsExactlyTheSqlAndItsFolderIsCreated() throws Exception {
        Path file = project.resolve("target/review/migrate.sql");

        Reports.writeSql(file, "begin;\ncreate table é (id int);\ncommit;\n");

        assertThat(Files.readAllBytes(file)).isEqualTo("begin;\ncreate table é (id int);\ncommit;\n".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(project.resolve("taken"));
        assertThatCode(() -> Reports.writeSql(project.resolve("taken"), "x"))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Cannot write db.dryRunOutput=" + project.resolve("taken"));
    }

    @Test
    void transactionModeIsCaseInsensitive() throws Exception {
        assertThat(MigrateMojo.transactionMode("ALL")).isEqualTo(ShaleSettings.TransactionMode.ALL);
        assertThat(MigrateMojo.transactionMode("each")).isEqualTo(ShaleSettings.TransactionMode.EACH);
        assertThat(MigrateMojo.transactionMode(null)).isNull();
    }
}
