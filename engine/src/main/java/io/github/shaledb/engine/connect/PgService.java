package io.github.shaledb.engine.connect;

import io.github.shaledb.engine.api.ConfigurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A libpq connection service file ({@code PGSERVICEFILE}, else {@code ~/.pg_service.conf}, else
 * {@code PGSYSCONFDIR/pg_service.conf}): sections {@code [name]} of {@code key=value} lines, {@code #} comments.
 */
final class PgService {
    private PgService() {
    }

    /** The parameters of service {@code name} in the first file that has it; null when none does. A file that
     * exists but cannot be read is an error, not a file skipped in silence. */
    static Map<String, String> read(List<Path> files, String name) throws ConfigurationException {
        for (Path file : files) {
            if (file == null || !Files.isRegularFile(file)) {
                continue;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new ConfigurationException("PGSERVICEFILE", "The service file " + file + " cannot be read as UTF-8"
                        + " text: " + e, "make it a readable text file, or name the server in db.url instead of a service", e);
            }
            Map<String, String> params = null;
            for (String raw : lines) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[") && line.endsWith("]")) {
                    if (params != null) {
                        return params;
                    }
                    if (line.substring(1, line.length() - 1).equals(name)) {
                        params = new LinkedHashMap<>();
                    }
                } else if (params != null && line.indexOf('=') > 0) {
                    params.put(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip());
                }
            }
            if (params != null) {
                return params;
            }
        }
        return null;
    }
}
