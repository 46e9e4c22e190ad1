package io.github.shaledb.maven;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin is the engine API's first client: if it needs an internal engine class, so will the next front end.
 * Reads the plugin's sources; every engine import must be {@code io.github.shaledb.engine.Shale} or from
 * {@code io.github.shaledb.engine.api}.
 */
class EngineApiOnlyTest {
    private static final Pattern ENGINE_IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(io\\.github\\.shaledb\\.engine\\.[\\w.]+)",
            Pattern.MULTILINE);

    @Test
    void thePluginImportsOnlyTheEnginesApi() throws IOException {
        List<String> internal = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = ENGINE_IMPORT.matcher(Files.readString(source));
                while (m.find()) {
                    String name = m.group(1);
                    if (!name.equals("io.github.shaledb.engine.Shale") && !name.startsWith("io.github.shaledb.engine.api.")) {
                        internal.add(source.getFileName() + " imports " + name);
                    }
                }
            }
        }
        assertThat(internal).as("engine classes outside the API used by the plugin").isEmpty();
    }

    @Test
    void theCheckSeesTheEngineImportsThereAre() throws IOException {
        // Guards the pattern: the base mojo does import the API, so a pattern that matched nothing would fail here.
        String base = Files.readString(Path.of("src/main/java/io/github/shaledb/maven/AbstractShaleMojo.java"));
        assertThat(ENGINE_IMPORT.matcher(base).results().map(r -> r.group(1)))
                .contains("io.github.shaledb.engine.Shale", "io.github.shaledb.engine.api.ShaleSettings");
    }
}
