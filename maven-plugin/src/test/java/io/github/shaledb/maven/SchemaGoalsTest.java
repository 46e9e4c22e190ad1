package io.github.shaledb.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** generate, push and check: parameter errors name the property; how Maven configures them is the *GoalTest classes'. */
class SchemaGoalsTest {
    /** Nothing listens here; the tests below fail before any connection is made. */
    private static final String NO_SERVER = "jdbc:postgresql://127.0.0.1:1/postgres";

    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();

    @Test
    void generateWithoutSchemaDirectoryFailsNamingDbSchemaDir() {
        GenerateMojo mojo = Mojos.create(GenerateMojo::new, project, null, log);
        mojo.shadowUrl = Mojos.pom("shadowUrl", NO_SERVER);

        assertThatCode(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("src/main/db/schema does not exist")
                .hasMessageContaining("-Ddb.schemaDir");
    }

    @Test
    void generateWithAMalformedRenameHintFailsNamingDbRenames() throws Exception {
        Files.createDirectories(project.resolve("src/main/db/schema"));
        GenerateMojo mojo = Mojos.create(GenerateMojo::new, project, null, log);
        mojo.shadowUrl = Mojos.pom("shadowUrl", NO_SERVER);
        mojo.renames = "users.name";

        assertThatCode(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("db.renames entry 'users.name' is not a rename hint")
                .hasMessageContaining("table.old_column:new_column");
    }

    @Test
    void emptySchemasListFailsNamingDbSchemas() {
        CheckMojo mojo = Mojos.create(CheckMojo::new, project, null, log);
        mojo.shadowUrl = Mojos.pom("shadowUrl", NO_SERVER);
        mojo.schemas = List.of(" ");

        assertThatCode(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("db.schemas names no schema");
    }

    /** The descriptor Maven reads: -Ddb.ignore sets the parameter of generate, push, check and lint, documented with @since. */
    @Test
    void ignoreIsTheUserPropertyDbIgnoreOfTheSchemaGoals() throws Exception {
        Document descriptor;
        try (var in = getClass().getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in).as("the plugin descriptor in target/classes").isNotNull();
            descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        var mojos = descriptor.getElementsByTagName("mojo");
        List<String> withIgnore = new ArrayList<>();
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = mojo.getElementsByTagName("goal").item(0).getTextContent();
            var configured = ((Element) mojo.getElementsByTagName("configuration").item(0))
                    .getElementsByTagName("ignore");
            if (configured.getLength() == 0) {
                continue;
            }
            withIgnore.add(goal);
            assertThat(configured.item(0).getTextContent()).isEqualTo("${" + DbProperties.IGNORE + "}");
            var parameters = mojo.getElementsByTagName("parameter");
            Element parameter = null;
            for (int p = 0; p < parameters.getLength(); p++) {
                Element candidate = (Element) parameters.item(p);
                if (candidate.getElementsByTagName("name").item(0).getTextContent().equals("ignore")) {
                    parameter = candidate;
                }
            }
            assertThat(parameter).as(goal + " documents ignore").isNotNull();
            assertThat(parameter.getElementsByTagName("since").item(0).getTextContent()).isEqualTo("0.1.0");
            assertThat(parameter.getElementsByTagName("description").item(0).getTextContent())
                    .contains("operator:public.===,text-search-configuration:public.*");
        }
        assertThat(withIgnore).as("lint extends the schema goals for its scratch server, studio for its next change")
                .containsExactlyInAnyOrder("generate", "push", "check", "lint", "studio");
    }
}
