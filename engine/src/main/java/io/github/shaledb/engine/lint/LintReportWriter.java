package io.github.shaledb.engine.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.LintFinding;
import io.github.shaledb.engine.api.LintResult;
import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.api.ShaleException;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code db.lint.report}: SARIF 2.1.0 for a {@code .sarif} or {@code .json} file (GitHub code scanning), JUnit
 * XML for {@code .xml} (every other CI server). Both list the findings in the result's order and hold no timestamp,
 * so the same migrations give the same bytes.
 */
public final class LintReportWriter {
    static final String INFORMATION_URI = "https://shaledb.github.io/shale/lint.html";
    private static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final String PARAMETER = "db.lint.report";

    /** The formats, by the file's extension. */
    public enum Format {
        SARIF,
        JUNIT;

        /**
         * @return the format of {@code file}'s extension
         * @throws ConfigurationException the extension is none of {@code .sarif}, {@code .json}, {@code .xml}
         */
        public static Format of(Path file) throws ConfigurationException {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".sarif") || name.endsWith(".json")) {
                return SARIF;
            }
            if (name.endsWith(".xml")) {
                return JUNIT;
            }
            throw new ConfigurationException(PARAMETER, PARAMETER + "=" + file + " has no known extension.",
                    "end it in .sarif (or .json) for SARIF, as GitHub code scanning reads it, or in .xml for JUnit XML");
        }
    }

    private LintReportWriter() {
    }

    /**
     * Writes the report, creating its folder; the format follows the file's extension.
     *
     * @param projectDirectory the project's folder: the migration files' paths in the report are relative to the Git
     *                         repository holding it, else to it
     * @throws ConfigurationException the extension is unknown
     * @throws EnvironmentException   the file cannot be written
     */
    public static void write(LintResult result, Path file, Path projectDirectory) throws ShaleException {
        Path base = repositoryRoot(projectDirectory);
        String text = switch (Format.of(file)) {
            case SARIF -> sarif(result, base);
            case JUNIT -> junit(result, base);
        };
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EnvironmentException("Writing the lint report " + file + " (" + PARAMETER + ") failed: " + e,
                    "give " + PARAMETER + " a file in a folder the build may write", e);
        }
    }

    /** The findings as SARIF 2.1.0, suppressed ones with their {@code suppressions}. */
    static String sarif(LintResult result, Path base) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("$schema", SARIF_SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Shale");
        driver.put("informationUri", INFORMATION_URI);
        // The rules the findings name, by id, so a ruleIndex does not depend on the order of the findings.
        Map<String, LintFinding> rules = new TreeMap<>();
        for (LintFinding f : result.findings()) {
            rules.putIfAbsent(f.ruleId(), f);
        }
        List<String> ruleIds = new ArrayList<>(rules.keySet());
        ArrayNode ruleNodes = driver.putArray("rules");
        for (LintFinding f : rules.values()) {
            ObjectNode rule = ruleNodes.addObject();
            rule.put("id", f.ruleId());
            rule.put("name", f.ruleName());
            rule.putObject("shortDescription").put("text", f.ruleName());
            rule.put("helpUri", f.page());
            rule.putObject("help").put("text", "See " + f.page());
            LintSeverity severity = LintRules.byId(f.ruleId()).map(LintRule::severity).orElse(f.severity());
            rule.putObject("defaultConfiguration").put("level", level(severity));
        }
        ArrayNode results = run.putArray("results");
        for (LintFinding f : result.findings()) {
            ObjectNode r = results.addObject();
            r.put("ruleId", f.ruleId());
            r.put("ruleIndex", ruleIds.indexOf(f.ruleId()));
            r.put("level", level(f.severity()));
            r.putObject("message").put("text", message(f));
            ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", relative(f.file(), base));
            ObjectNode region = physical.putObject("region");
            region.put("startLine", f.line());
            region.put("startColumn", f.column());
            if (f.suppressed()) {
                ObjectNode suppression = r.putArray("suppressions").addObject();
                // db.lint.disable is configured outside the file; a -- db:lint-ignore line is in it.
                suppression.put("kind", "db.lint.disable".equals(f.suppression()) ? "external" : "inSource");
                suppression.put("justification", f.suppression());
            }
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of plain nodes always serializes", e);
        }
    }

    /**
     * The linted migrations as JUnit XML: one testsuite {@code db:lint}, one testcase per migration, one
     * {@code <failure>} per finding that fails the run; warnings that do not fail it and suppressed findings are
     * listed in the testcase's {@code <system-out>} (a skipped testcase would read as "not linted").
     */
    static String junit(LintResult result, Path base) {
        Map<String, List<LintFinding>> byMigration = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        for (String tag : result.linted()) {
            byMigration.put(tag, new ArrayList<>());
        }
        for (LintFinding f : result.findings()) {
            byMigration.computeIfAbsent(f.migration(), t -> new ArrayList<>()).add(f);
            files.putIfAbsent(f.migration(), f.file());
        }
        List<LintFinding> failing = result.failing();
        long failedCases = byMigration.values().stream().filter(fs -> fs.stream().anyMatch(failing::contains)).count();
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "db:lint");
            xml.writeAttribute("tests", String.valueOf(byMigration.size()));
            xml.writeAttribute("failures", String.valueOf(failedCases));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            xml.writeCharacters("\n");
            for (Map.Entry<String, List<LintFinding>> migration : byMigration.entrySet()) {
                xml.writeCharacters("  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "db:lint");
                xml.writeAttribute("name", migration.getKey());
                Path file = files.get(migration.getKey());
                if (file != null) {
                    xml.writeAttribute("file", relative(file, base));
                }
                StringBuilder notFailing = new StringBuilder();
                boolean children = false;
                for (LintFinding f : migration.getValue()) {
                    String where = relative(f.file(), base) + ":" + f.line() + ":" + f.column();
                    if (failing.contains(f)) {
                        children = true;
                        xml.writeCharacters("\n    ");
                        xml.writeStartElement("failure");
                        xml.writeAttribute("type", f.ruleId());
                        xml.writeAttribute("message", where + " " + f.ruleId() + " (" + f.ruleName() + ")");
                        xml.writeCharacters(details(f));
                        xml.writeEndElement();
                    } else if (f.suppressed()) {
                        notFailing.append("ignored: ").append(where).append(' ').append(f.ruleId()).append(" - ")
                                .append(f.suppression()).append('\n');
                    } else {
                        notFailing.append(f.severity().name().toLowerCase(Locale.ROOT)).append(": ").append(where)
                                .append(' ').append(f.ruleId()).append(" (").append(f.ruleName()).append(")\n")
                                .append(details(f)).append('\n');
                    }
                }
                if (!notFailing.isEmpty()) {
                    children = true;
                    xml.writeCharacters("\n    ");
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(notFailing.toString());
                    xml.writeEndElement();
                }
                if (children) {
                    xml.writeCharacters("\n  ");
                }
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Writing XML to a string cannot fail", e);
        }
        return out.toString();
    }

    private static String level(LintSeverity severity) {
        return severity == LintSeverity.ERROR ? "error" : "warning";
    }

    /** The SARIF message: the rule, the lock, why, the safe rewrite. */
    private static String message(LintFinding f) {
        return f.ruleName() + ". " + details(f);
    }

    /** The lines after a finding's heading, as the Maven log prints them. */
    static String details(LintFinding f) {
        StringBuilder text = new StringBuilder();
        text.append(f.statement()).append('\n');
        if (f.lock() != null) {
            text.append("lock: ").append(f.lock()).append(f.lockObserved() ? " (observed)" : " (expected)").append('\n');
        }
        text.append("why: ").append(f.why()).append('\n');
        if (f.safeRewrite() != null) {
            text.append("safe:\n").append(f.safeRewrite().strip()).append('\n');
        }
        text.append("see ").append(f.page());
        return text.toString();
    }

    /**
     * What the report's paths are relative to: the Git repository holding the project (a module in a subfolder
     * included), as GitHub code scanning matches them, else the project's folder.
     */
    static Path repositoryRoot(Path projectDirectory) {
        if (projectDirectory == null) {
            return null;
        }
        Path project = projectDirectory.toAbsolutePath().normalize();
        for (Path dir = project; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        return project;
    }

    /** The path relative to {@code base} with forward slashes, as GitHub code scanning matches it. */
    static String relative(Path file, Path base) {
        Path shown = file;
        if (base != null && file.isAbsolute() && file.normalize().startsWith(base.toAbsolutePath().normalize())) {
            shown = base.toAbsolutePath().normalize().relativize(file.normalize());
        }
        return shown.toString().replace('\\', '/');
    }
}
