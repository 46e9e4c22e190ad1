package io.github.shaledb.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.LintFinding;
import io.github.shaledb.engine.api.LintResult;
import io.github.shaledb.engine.api.LintSeverity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** db.lint.report as GitHub code scanning (SARIF) and JUnit-reading CI servers read it, from a hand-built result. */
class LintReportWriterTest {
    private static final String INDEX_PAGE = "https://shaledb.github.io/shale/lint/create-index-not-concurrently.html";

    @TempDir
    Path project;

    private LintResult result(LintSeverity failOn) {
        Path file3 = project.resolve("src/main/db/migrations/0003_orders_index/migration.sql");
        Path file4 = project.resolve("src/main/db/migrations/0004_orders_cleanup/migration.sql");
        LintFinding index = new LintFinding("create-index-not-concurrently", "CREATE INDEX without CONCURRENTLY on an existing table",
                LintSeverity.ERROR, "0003_orders_index", file3, 4, 1, "CREATE INDEX orders_customer_idx ON orders (customer_id);",
                "SHARE on public.orders", true, "public.orders", 1_204_331L, 325_058_560L,
                "Writes to orders wait until the index is built.",
                "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);", INDEX_PAGE, null);
        LintFinding json = new LintFinding("type-json", "json column instead of jsonb", LintSeverity.WARNING,
                "0003_orders_index", file3, 7, 3, "ALTER TABLE orders ADD COLUMN meta json;", null, false, "public.orders",
                null, null, "json keeps the text as given.", "ALTER TABLE orders ADD COLUMN meta jsonb;",
                "https://shaledb.github.io/shale/lint/type-json.html", null);
        LintFinding drop = new LintFinding("drop-column", "Column dropped", LintSeverity.ERROR, "0004_orders_cleanup", file4,
                2, 1, "ALTER TABLE orders DROP COLUMN legacy;", "ACCESS EXCLUSIVE on public.orders", false, "public.orders",
                null, null, "The running application may still read it.", null,
                "https://shaledb.github.io/shale/lint/drop-column.html", "no release reads legacy since 2.3");
        return new LintResult(List.of("0003_orders_index", "0004_orders_cleanup", "0005_empty"), "all",
                List.of(index, json, drop), List.of(), null, failOn, null);
    }

    @Test
    void sarifHasWhatGitHubCodeScanningReads() throws Exception {
        Path report = project.resolve("target/shale-lint.sarif");

        LintReportWriter.write(result(LintSeverity.ERROR), report, project);

        JsonNode sarif = new ObjectMapper().readTree(report.toFile());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.path("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run = sarif.path("runs").path(0);
        JsonNode driver = run.path("tool").path("driver");
        assertThat(driver.path("name").asText()).isEqualTo("Shale");
        assertThat(driver.path("informationUri").asText()).startsWith("https://shaledb.github.io/shale/");
        JsonNode rules = driver.path("rules");
        assertThat(rules).hasSize(3);
        assertThat(rules.path(0).path("id").asText()).as("sorted by id").isEqualTo("create-index-not-concurrently");
        assertThat(rules.path(0).path("shortDescription").path("text").asText())
                .isEqualTo("CREATE INDEX without CONCURRENTLY on an existing table");
        assertThat(rules.path(0).path("helpUri").asText()).isEqualTo(INDEX_PAGE);
        assertThat(rules.path(0).path("defaultConfiguration").path("level").asText()).isEqualTo("error");
        assertThat(rules.path(2).path("id").asText()).isEqualTo("type-json");
        assertThat(rules.path(2).path("defaultConfiguration").path("level").asText()).isEqualTo("warning");

        JsonNode results = run.path("results");
        assertThat(results).hasSize(3);
        JsonNode first = results.path(0);
        assertThat(first.path("ruleId").asText()).isEqualTo("create-index-not-concurrently");
        assertThat(first.path("ruleIndex").asInt()).isZero();
        assertThat(first.path("level").asText()).isEqualTo("error");
        assertThat(first.path("message").path("text").asText())
                .contains("Writes to orders wait until the index is built.")
                .contains("CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);")
                .contains("SHARE on public.orders (observed)");
        JsonNode location = first.path("locations").path(0).path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uri").asText())
                .as("repository-relative, forward slashes").isEqualTo("src/main/db/migrations/0003_orders_index/migration.sql");
        assertThat(location.path("region").path("startLine").asInt()).isEqualTo(4);
        assertThat(location.path("region").path("startColumn").asInt()).isEqualTo(1);
        assertThat(first.has("suppressions")).isFalse();

        assertThat(results.path(1).path("level").asText()).isEqualTo("warning");
        assertThat(results.path(1).path("ruleIndex").asInt()).isEqualTo(2);
        JsonNode suppressed = results.path(2);
        assertThat(suppressed.path("ruleId").asText()).isEqualTo("drop-column");
        assertThat(suppressed.path("suppressions").path(0).path("kind").asText()).isEqualTo("inSource");
        assertThat(suppressed.path("suppressions").path(0).path("justification").asText())
                .isEqualTo("no release reads legacy since 2.3");
    }

    @Test
    void inAModuleOfAGitRepositoryThePathsAreRelativeToTheRepository() throws Exception {
        Path repository = project.resolve("checkout");
        Path module = repository.resolve("services/orders");
        Files.createDirectories(repository.resolve(".git"));
        Path file = module.resolve("src/main/db/migrations/0003_orders_index/migration.sql");
        LintFinding f = result(LintSeverity.ERROR).findings().get(0);
        LintResult inModule = new LintResult(List.of("0003_orders_index"), "all", List.of(new LintFinding(f.ruleId(),
                f.ruleName(), f.severity(), f.migration(), file, f.line(), f.column(), f.statement(), f.lock(),
                f.lockObserved(), f.table(), f.estimatedRows(), f.tableBytes(), f.why(), f.safeRewrite(), f.page(),
                null)), List.of(), null, LintSeverity.ERROR, null);
        Path report = module.resolve("target/shale-lint.sarif");

        LintReportWriter.write(inModule, report, module);

        JsonNode sarif = new ObjectMapper().readTree(report.toFile());
        assertThat(sarif.path("runs").path(0).path("results").path(0).path("locations").path(0).path("physicalLocation")
                .path("artifactLocation").path("uri").asText())
                .isEqualTo("services/orders/src/main/db/migrations/0003_orders_index/migration.sql");
    }

    @Test
    void theSameResultGivesTheSameBytes() throws Exception {
        Path a = project.resolve("a.sarif");
        Path b = project.resolve("b.sarif");
        Path c = project.resolve("c.xml");
        Path d = project.resolve("d.xml");

        LintReportWriter.write(result(LintSeverity.ERROR), a, project);
        LintReportWriter.write(result(LintSeverity.ERROR), b, project);
        LintReportWriter.write(result(LintSeverity.ERROR), c, project);
        LintReportWriter.write(result(LintSeverity.ERROR), d, project);

        assertThat(Files.readString(a)).isEqualTo(Files.readString(b));
        assertThat(Files.readString(c)).isEqualTo(Files.readString(d));
    }

    @Test
    void junitXmlHasATestcasePerMigrationAndAFailurePerFindingThatFailsTheRun() throws Exception {
        Path report = project.resolve("target/reports/shale-lint.xml");

        LintReportWriter.write(result(LintSeverity.ERROR), report, project);

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        Element suite = xml.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("db:lint");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        Element first = (Element) cases.item(0);
        assertThat(first.getAttribute("name")).isEqualTo("0003_orders_index");
        assertThat(first.getAttribute("file")).isEqualTo("src/main/db/migrations/0003_orders_index/migration.sql");
        NodeList failures = first.getElementsByTagName("failure");
        assertThat(failures.getLength()).as("the warning does not fail the run").isEqualTo(1);
        Element failure = (Element) failures.item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("create-index-not-concurrently");
        assertThat(failure.getAttribute("message"))
                .isEqualTo("src/main/db/migrations/0003_orders_index/migration.sql:4:1 create-index-not-concurrently"
                        + " (CREATE INDEX without CONCURRENTLY on an existing table)");
        assertThat(failure.getTextContent()).contains("why: Writes to orders wait until the index is built.")
                .contains("CREATE INDEX CONCURRENTLY orders_customer_idx").contains(INDEX_PAGE);
        assertThat(first.getElementsByTagName("system-out").item(0).getTextContent())
                .contains("warning: src/main/db/migrations/0003_orders_index/migration.sql:7:3 type-json");

        Element second = (Element) cases.item(1);
        assertThat(second.getElementsByTagName("failure").getLength()).as("suppressed").isZero();
        assertThat(second.getElementsByTagName("system-out").item(0).getTextContent())
                .contains("ignored: src/main/db/migrations/0004_orders_cleanup/migration.sql:2:1 drop-column - no release reads legacy since 2.3");
        Element third = (Element) cases.item(2);
        assertThat(third.getAttribute("name")).as("a migration without findings passes").isEqualTo("0005_empty");
        assertThat(third.getChildNodes().getLength()).isZero();
    }

    @Test
    void withFailOnWarningTheWarningIsAFailureToo() throws Exception {
        Path report = project.resolve("lint.xml");

        LintReportWriter.write(result(LintSeverity.WARNING), report, project);

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(2);
        assertThat(((Element) xml.getElementsByTagName("failure").item(1)).getAttribute("type")).isEqualTo("type-json");
    }

    @Test
    void anUnknownExtensionNamesTheParameter() {
        assertThatThrownBy(() -> LintReportWriter.write(result(LintSeverity.ERROR), project.resolve("lint.txt"), project))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("db.lint.report");
                    assertThat(e.describe()).contains("lint.txt").contains(".sarif").contains(".xml");
                });
        assertThat(project.resolve("lint.txt")).doesNotExist();
    }

    @Test
    void aFileThatCannotBeWrittenIsNamed() throws Exception {
        Files.writeString(project.resolve("target"), "a file where a folder should be");
        Path report = project.resolve("target/shale-lint.sarif");

        assertThatThrownBy(() -> LintReportWriter.write(result(LintSeverity.ERROR), report, project))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining(report.toString()).hasMessageContaining("db.lint.report");
    }

    @Test
    void dbLintReportIsWrittenRelativeToTheProjectDirectory() throws Exception {
        Path migrations = project.resolve("src/main/db/migrations");

        LintResult result = LintHarness.lint(migrations, List.of("CREATE TABLE t (id bigint PRIMARY KEY);"),
                b -> b.projectDirectory(project).lintReport(Path.of("target/shale-lint.sarif")));

        assertThat(result.report()).isEqualTo(project.resolve("target/shale-lint.sarif"));
        JsonNode sarif = new ObjectMapper().readTree(project.resolve("target/shale-lint.sarif").toFile());
        assertThat(sarif.path("runs").path(0).path("tool").path("driver").path("name").asText()).isEqualTo("Shale");
    }
}
