package io.github.shaledb.engine.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.Passwords;
import io.github.shaledb.engine.api.ShaleException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code db.targets}: a list (URLs and schema names, separated by commas or line breaks), {@code file:PATH} (a
 * text file with one target per line and an optional group after it, or a JSON array of {@code {"name", "url",
 * "schema", "group"}} objects), or {@code sql:QUERY} run against {@code db.url} (its first column, or its columns
 * named {@code url}/{@code schema}, plus optional {@code name} and {@code group}). A target that is not a URL is a
 * schema of the {@code db.url} database.
 */
public final class FleetTargets {
    public static final String PROPERTY = "db.targets";
    private static final String FILE_PREFIX = "file:";
    private static final String QUERY_PREFIX = "sql:";
    private static final Set<String> JSON_KEYS = Set.of("name", "url", "schema", "group");

    /** Opens the {@code db.url} connection a {@code sql:} form runs its query on; called only for that form. */
    @FunctionalInterface
    public interface QueryConnection {
        Connection get() throws ShaleException;
    }

    private FleetTargets() {
    }

    /** Whether {@code spec} names the targets by a query against {@code db.url}. */
    public static boolean isQuery(String spec) {
        return spec != null && spec.strip().regionMatches(true, 0, QUERY_PREFIX, 0, QUERY_PREFIX.length());
    }

    /**
     * The fleet {@code spec} names, in its order, each with a unique name.
     *
     * @throws ConfigurationException the value, file or query is malformed, names no target, or names one twice
     */
    public static List<FleetTarget> read(String spec, Path projectDirectory, QueryConnection connection) throws ShaleException {
        String value = spec.strip();
        List<FleetTarget> targets;
        if (value.isEmpty()) {
            throw new ConfigurationException(PROPERTY, PROPERTY + " is empty.", "give the targets: URLs or schema names"
                    + " separated by commas, file:PATH, or sql:QUERY; or remove it to run on db.url alone");
        }
        if (value.regionMatches(true, 0, FILE_PREFIX, 0, FILE_PREFIX.length())) {
            targets = file(projectDirectory.resolve(value.substring(FILE_PREFIX.length()).strip()));
        } else if (isQuery(value)) {
            targets = query(value.substring(QUERY_PREFIX.length()).strip(), connection);
        } else {
            targets = new ArrayList<>();
            int item = 0;
            for (String part : value.split("[,\\n\\r]+")) {
                if (!part.isBlank()) {
                    item++;
                    targets.add(target(null, part.strip(), null, PROPERTY + " item " + item));
                }
            }
        }
        if (targets.isEmpty()) {
            throw new ConfigurationException(PROPERTY, PROPERTY + " (" + describe(value) + ") names no target.",
                    "list at least one URL or schema; a query that finds no tenant yet is an error, so that a wrong"
                            + " query does not pass as a fleet of none");
        }
        return unique(targets);
    }

    private static List<FleetTarget> file(Path file) throws ShaleException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(PROPERTY, PROPERTY + " names the file " + file + ", which does not exist.",
                    "create it (one URL or schema per line, or a JSON array), or fix the path (relative to the project folder)");
        } catch (IOException e) {
            throw new EnvironmentException("Could not read the targets file " + file + ": " + e.getMessage(), null, e);
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
            return json(file, trimmed);
        }
        List<FleetTarget> targets = new ArrayList<>();
        String[] lines = text.split("\\r?\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            String where = file.getFileName() + ":" + (i + 1);
            if (words.length > 2) {
                throw new ConfigurationException(PROPERTY, where + " has " + words.length + " words: '" + describe(line)
                        + "'.", "write one target per line (a URL or a schema name), optionally followed by its group:"
                        + " tenant_17 canary");
            }
            targets.add(target(null, words[0], words.length == 2 ? words[1] : null, where));
        }
        return targets;
    }

    private static List<FleetTarget> json(Path file, String text) throws ConfigurationException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(PROPERTY, "The targets file " + file + " is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ").",
                    "write a JSON array of targets: [{\"name\": \"acme\", \"url\": \"jdbc:postgresql://…\", \"group\": \"canary\"},"
                            + " {\"schema\": \"tenant_2\"}]", e);
        }
        JsonNode array = root.isObject() && root.has("targets") ? root.get("targets") : root;
        if (!array.isArray()) {
            throw new ConfigurationException(PROPERTY, "The targets file " + file + " holds no JSON array of targets.",
                    "write [ {...}, {...} ] or {\"targets\": [ ... ]}");
        }
        List<FleetTarget> targets = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            String where = file.getFileName() + " entry " + (i + 1);
            if (node.isTextual()) {
                targets.add(target(null, node.asText(), null, where));
                continue;
            }
            if (!node.isObject()) {
                throw new ConfigurationException(PROPERTY, where + " is neither a text nor an object.",
                        "write each target as \"URL or schema\" or as {\"name\", \"url\", \"schema\", \"group\"}");
            }
            for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!JSON_KEYS.contains(key)) {
                    throw new ConfigurationException(PROPERTY, where + " has the key '" + key + "', which Shale does not know.",
                            "use only name, url, schema and group");
                }
            }
            String url = text(node, "url");
            String schema = text(node, "schema");
            if (url == null && schema == null) {
                throw new ConfigurationException(PROPERTY, where + " has neither url nor schema.",
                        "give the database's url, the tenant's schema (of db.url's database), or both");
            }
            if (url != null && !isUrl(url)) {
                throw new ConfigurationException(PROPERTY, where + ": url '" + describe(url) + "' is not a PostgreSQL URL.",
                        "write jdbc:postgresql://host:5432/db or postgres://user@host/db; a tenant schema goes in \"schema\"");
            }
            targets.add(new FleetTarget(text(node, "name"), url, schema == null ? null : checkedSchema(schema, where),
                    text(node, "group"), where));
        }
        return targets;
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText().strip();
    }

    private static List<FleetTarget> query(String sql, QueryConnection connection) throws ShaleException {
        if (sql.isEmpty()) {
            throw new ConfigurationException(PROPERTY, PROPERTY + " is 'sql:' without a query.",
                    "give the query after sql:, e.g. sql:select nspname from pg_namespace where nspname like 'tenant\\_%'");
        }
        Connection c = connection.get();
        List<FleetTarget> targets = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.putIfAbsent(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
            }
            Integer url = columns.get("url");
            Integer schema = columns.get("schema");
            Integer name = columns.get("name");
            Integer group = columns.get("group");
            int row = 0;
            while (rs.next()) {
                row++;
                String where = "row " + row + " of the " + PROPERTY + " query";
                if (url == null && schema == null) {
                    String first = rs.getString(1);
                    if (first == null) {
                        throw new ConfigurationException(PROPERTY, where + " is null.", "filter out nulls in the query");
                    }
                    targets.add(target(name == null ? null : rs.getString(name), first,
                            group == null ? null : rs.getString(group), where));
                } else {
                    String u = url == null ? null : rs.getString(url);
                    String s = schema == null ? null : rs.getString(schema);
                    if (u == null && s == null) {
                        throw new ConfigurationException(PROPERTY, where + " has neither url nor schema.",
                                "filter out rows without a target in the query");
                    }
                    targets.add(new FleetTarget(name == null ? null : rs.getString(name), u,
                            s == null ? null : checkedSchema(s, where), group == null ? null : rs.getString(group), where));
                }
            }
        } catch (SQLException e) {
            throw new ConfigurationException(PROPERTY, "The " + PROPERTY + " query failed on db.url: " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + ").", "fix the query after sql: (it runs on the db.url database,"
                    + " and returns one row per target: a URL or a schema name)", e);
        }
        return targets;
    }

    /** A list item, file line or query value: a URL is a database, anything else a schema of db.url's database. */
    private static FleetTarget target(String name, String value, String group, String where)
            throws ConfigurationException {
        if (isUrl(value)) {
            return new FleetTarget(name, value, null, group, where);
        }
        if (value.contains("://") || value.startsWith("jdbc:")) {
            throw new ConfigurationException(PROPERTY, where + " ('" + describe(value) + "') is not a PostgreSQL URL.",
                    "write jdbc:postgresql://host:5432/db or postgres://user@host/db");
        }
        if (value.endsWith(".txt") || value.endsWith(".json") || value.contains("/")) {
            throw new ConfigurationException(PROPERTY, where + " ('" + value + "') looks like a file, not a schema.",
                    "name a file of targets as file:" + value);
        }
        return new FleetTarget(name, null, checkedSchema(value, where), group, where);
    }

    private static String checkedSchema(String schema, String where) throws ConfigurationException {
        if (schema.startsWith("pg_") || schema.equals("information_schema")) {
            throw new ConfigurationException(PROPERTY, where + " names the system schema " + schema + ".",
                    "list tenant schemas only; a query should exclude pg_* and information_schema");
        }
        return schema;
    }

    static boolean isUrl(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return v.startsWith("jdbc:postgresql:") || v.startsWith("postgres://") || v.startsWith("postgresql://");
    }

    /** Names every target (its given name, else its schema, else its database) and refuses duplicates. */
    private static List<FleetTarget> unique(List<FleetTarget> targets) throws ConfigurationException {
        Map<String, FleetTarget> byTarget = new HashMap<>();
        Map<String, Integer> defaultNames = new HashMap<>();
        for (FleetTarget t : targets) {
            String key = (t.url() == null ? "" : Passwords.mask(t.url())) + "|" + (t.schema() == null ? "" : t.schema());
            FleetTarget earlier = byTarget.putIfAbsent(key, t);
            if (earlier != null) {
                throw new ConfigurationException(PROPERTY, t.origin() + " names the same target as " + earlier.origin()
                        + " (" + describe(t) + ").", "list each database or schema once");
            }
            if (t.name() == null) {
                defaultNames.merge(defaultName(t, false), 1, Integer::sum);
            }
        }
        Map<String, FleetTarget> byName = new LinkedHashMap<>();
        List<FleetTarget> named = new ArrayList<>();
        for (FleetTarget t : targets) {
            FleetTarget n = t;
            if (t.name() == null) {
                String plain = defaultName(t, false);
                n = t.named(defaultNames.get(plain) > 1 ? defaultName(t, true) : plain);
            }
            FleetTarget earlier = byName.putIfAbsent(n.name(), n);
            if (earlier != null) {
                throw new ConfigurationException(PROPERTY, n.origin() + " has the name '" + n.name() + "', as "
                        + earlier.origin() + " has.", "give each target its own name");
            }
            named.add(n);
        }
        return named;
    }

    /** The schema; else the database's name ({@code host:port/db} when {@code full} or unreadable). */
    private static String defaultName(FleetTarget t, boolean full) {
        String database = t.url() == null ? null : address(t.url());
        if (t.schema() != null) {
            return full && database != null ? database + "/" + t.schema() : t.schema();
        }
        if (full || database == null) {
            return database == null ? Passwords.mask(t.url()) : database;
        }
        int slash = database.lastIndexOf('/');
        return slash < 0 || slash == database.length() - 1 ? database : database.substring(slash + 1);
    }

    /** {@code host[:port]/database} of a URL, without scheme, user, password or parameters; null when it has no host part. */
    public static String address(String url) {
        String rest = url.replaceFirst("(?i)^(jdbc:postgresql:|postgres:|postgresql:)", "");
        if (!rest.startsWith("//")) {
            return null;
        }
        rest = rest.substring(2);
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        int slash = rest.indexOf('/');
        int at = rest.lastIndexOf('@', slash < 0 ? rest.length() - 1 : slash);
        return at < 0 ? rest : rest.substring(at + 1);
    }

    private static String describe(FleetTarget t) {
        return t.url() == null ? "schema " + t.schema() : Passwords.mask(t.url()) + (t.schema() == null ? "" : " schema " + t.schema());
    }

    /** A value as it may be shown: a URL without its password. */
    private static String describe(String value) {
        return Passwords.mask(value);
    }
}
