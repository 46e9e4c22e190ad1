package io.github.shaledb.engine.connect;

import io.github.shaledb.engine.api.ConfigurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A libpq password file ({@code PGPASSFILE}, else {@code ~/.pgpass}): lines {@code host:port:database:user:password},
 * each of the first four a value or {@code *}, {@code \:} and {@code \\} escaping a colon and a backslash, {@code #}
 * starting a comment line. The first line that matches gives the password, as in libpq.
 */
final class PgPass {
    private PgPass() {
    }

    /**
     * The password of the first line matching the connection, or null; a file that exists but cannot be read is an
     * error rather than a password silently missing (the server would answer with a bare authentication failure).
     */
    static String password(Path file, String host, String port, String database, String user)
            throws ConfigurationException {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigurationException("PGPASSFILE", "The password file " + file + " cannot be read as UTF-8 text: "
                    + e, "make it a readable text file (chmod 600), or give the password another way: db.serverId,"
                    + " DATABASE_URL or PGPASSWORD", e);
        }
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields.size() < 5) {
                continue;
            }
            if (matches(fields.get(0), host) && matches(fields.get(1), port) && matches(fields.get(2), database)
                    && matches(fields.get(3), user)) {
                return fields.get(4);
            }
        }
        return null;
    }

    /** The line's fields, unescaped; the fifth takes the rest of the line (a password may hold unescaped colons). */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }
}
