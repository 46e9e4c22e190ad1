package io.github.shaledb.engine.fleet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.FleetResult;
import io.github.shaledb.engine.api.FleetResult.Target;
import io.github.shaledb.engine.api.StatusResult.State;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes {@code db.report}: a fleet run's results as JSON, for the pipeline that ran it. Keys in a fixed order;
 * states in lower case as the output prints them ({@code changed}, {@code up_to_date}, {@code failed}, …); no
 * password (addresses are {@code host:port/database}).
 *
 * <pre>{@code
 * {"verb": "migrate", "elapsedMs": 8123, "total": 1000,
 *  "counts": {"changed": 997, "failed": 3},
 *  "targets": [{"name": "tenant_1", "address": "db:5432/app", "schema": "tenant_1", "group": null, "wave": 2,
 *               "state": "changed", "migrations": ["0042_add_orders"], "current": "0042_add_orders",
 *               "problems": [], "error": null, "durationMs": 41}, ...],
 *  "migrations": [{"tag": "0042_add_orders", "applied": 997, "pending": 3}]}
 * }</pre>
 */
public final class FleetReport {
    private FleetReport() {
    }

    public static void write(Path file, FleetResult result) throws EnvironmentException {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 JsonGenerator json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
                json.writeStartObject();
                json.writeStringField("verb", result.verb().goal());
                json.writeNumberField("elapsedMs", result.elapsed().toMillis());
                json.writeNumberField("total", result.targets().size());
                json.writeObjectFieldStart("counts");
                for (var e : result.counts().entrySet()) {
                    json.writeNumberField(name(e.getKey()), e.getValue());
                }
                json.writeEndObject();
                json.writeArrayFieldStart("targets");
                for (Target t : result.targets()) {
                    json.writeStartObject();
                    json.writeStringField("name", t.name());
                    json.writeStringField("address", t.address());
                    json.writeStringField("schema", t.schema());
                    json.writeStringField("group", t.group());
                    json.writeNumberField("wave", t.wave());
                    json.writeStringField("state", name(t.state()));
                    json.writeArrayFieldStart("migrations");
                    for (String tag : t.tags()) {
                        json.writeString(tag);
                    }
                    json.writeEndArray();
                    json.writeStringField("current", t.current());
                    json.writeArrayFieldStart("problems");
                    for (String p : t.problems()) {
                        json.writeString(p);
                    }
                    json.writeEndArray();
                    json.writeStringField("error", t.error());
                    json.writeNumberField("durationMs", t.duration().toMillis());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeArrayFieldStart("migrations");
                for (FleetResult.MigrationCount m : result.migrations()) {
                    json.writeStartObject();
                    json.writeStringField("tag", m.tag());
                    for (State state : State.values()) {
                        if (m.count(state) > 0) {
                            json.writeNumberField(name(state), m.count(state));
                        }
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
                json.writeRaw('\n'); // through the generator: it buffers, so a write to out would land before its text
            }
        } catch (IOException e) {
            throw new EnvironmentException("Could not write the fleet report " + file + ": " + e.getMessage(),
                    "check that db.report names a writable file", e);
        }
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
