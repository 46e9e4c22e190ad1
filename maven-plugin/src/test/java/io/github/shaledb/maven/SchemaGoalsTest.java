package io.github.shaledb.maven;

import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** generate, push and check: parameters reach the engine, and parameter errors name the property. */
class SchemaGoalsTest {
    /** Nothing listens here; the tests below fail before any connection is made. */
    private static final String NO_SERVER = "jdbc:postgresql://127.0.0.1:1/postgres";

    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();

    @Test
    void generatePassesItsParameters() throws Exception {
        GenerateMojo mojo = Mojos.create(GenerateMojo::new, project, null, log);
        mojo.schemaDir = new File("db/schema");
        mojo.schemas = List.of("public", "billing");
        mojo.shadowUrl = Mojos.pom("shadowUrl", NO_SERVER);
        mojo.name = "add_prefs";
        mojo.custom = true;
        mojo.renames = "users.name:full_name";
        mojo.force = true;

        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.schemaDirectory()).isEqualTo(Path.of("db/schema"));
        assertThat(settings.schemas()).containsExactly("public", "billing");
        assertThat(settings.shadowUrl()).isEqualTo(NO_SERVER);
        assertThat(settings.name()).isEqualTo("add_prefs");
        assertThat(settings.custom()).isTrue();
        assertThat(settings.renames()).isEqualTo("users.name:full_name");
        assertThat(settings.force()).isTrue();
        assertThat(settings.postgresBinaries()).as("no embedded server with db.shadowUrl").isNull();
        assertThat(settings.applicationName()).isEqualTo("shale db:generate orders-service");
    }

    @Test
    void theEngineAsksForTheBinariesOfTheVersionItChoosesNoneAreResolvedUpFront() throws Exception {
        GenerateMojo mojo = Mojos.create(GenerateMojo::new, project, null, log);
        mojo.postgresVersion = "15";

        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.postgresVersion()).isEqualTo("15");
        assertThat(settings.postgresBinaries()).isNull();
        assertThat(settings.binariesResolver()).as("the resolver the engine calls with the version it needs").isNotNull();
    }

    @Test
    void generateForAVersionShaleDoesNotKnowFailsNamingDbPostgresVersion() throws Exception {
        Files.createDirectories(project.resolve("src/main/db/schema"));
        Files.writeString(project.resolve("src/main/db/schema/a.sql"), "create table t (id int);");
        GenerateMojo mojo = Mojos.create(GenerateMojo::new, project, null, log);
        mojo.shadowUrl = Mojos.pom("shadowUrl", NO_SERVER);
        mojo.postgresVersion = "12";

        assertThatCode(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("db.postgresVersion is 12; Shale runs and generates for PostgreSQL 13 to 18.")
                .hasMessageContaining("give the major version production runs");
    }

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
    void pushWithAShadowUrlThatIsNotPostgresFailsNamingDbShadowUrl() throws Exception {
        Files.createDirectories(project.resolve("src/main/db/schema"));
        Files.writeString(project.resolve("src/main/db/schema/a.sql"), "create table t (id int);");
        PushMojo mojo = Mojos.create(PushMojo::new, project, null, log);
        mojo.url = Mojos.pom("url", NO_SERVER);
        mojo.shadowUrl = Mojos.pom("shadowUrl", "mysql://localhost/db");
        mojo.dryRun = true;

        assertThatCode(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("db.shadowUrl is not a PostgreSQL URL");
        assertThat(mojo.shaleSettings().dryRun()).isTrue();
    }

    @Test
    void emptySchemasListFailsNamingDbSchemas() {
        CheckMojo mojo = Mojos.create(CheckMojo::new, project, null, log);
        mojo.shadowUrl = Mojos.pom("shadowUrl", NO_SERVER);
        mojo.schemas = List.of(" ");

        assertThatCode(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("db.schemas names no schema");
    }

    @Test
    void eachGoalHasItsOwnSkip() {
        GenerateMojo generate = Mojos.create(GenerateMojo::new, project, null, log);
        generate.skipGenerate = true;
        PushMojo push = Mojos.create(PushMojo::new, project, null, log);
        push.skipPush = true;
        CheckMojo check = Mojos.create(CheckMojo::new, project, null, log);
        check.skipCheck = true;

        assertThatCode(generate::execute).doesNotThrowAnyException();
        assertThatCode(push::execute).doesNotThrowAnyException();
        assertThatCode(check::execute).doesNotThrowAnyException();
        assertThat(log.text()).contains("Skipping db:generate (db.generate.skip=true)")
                .contains("Skipping db:push (db.push.skip=true)").contains("Skipping db:check (db.check.skip=true)");
    }
    @Test
    void ignoreReachesTheEngineFromGeneratePushAndCheck() throws Exception {
        List<String> entries = List.of("operator:public.===", "text-search-configuration:public.*");
        GenerateMojo generate = Mojos.create(GenerateMojo::new, project, null, log);
        generate.shadowUrl = Mojos.pom("shadowUrl", NO_SERVER);
        generate.ignore = entries;
        PushMojo push = Mojos.create(PushMojo::new, project, null, log);
        push.shadowUrl = Mojos.pom("shadowUrl", NO_SERVER);
        push.ignore = entries;
        CheckMojo check = Mojos.create(CheckMojo::new, project, null, log);
        check.shadowUrl = Mojos.pom("shadowUrl", NO_SERVER);
        check.ignore = entries;

        assertThat(generate.shaleSettings().ignore()).isEqualTo(entries);
        assertThat(push.shaleSettings().ignore()).isEqualTo(entries);
        assertThat(check.shaleSettings().ignore()).isEqualTo(entries);
    }

    @Test
    void ignoreUnsetLeavesTheDefaultToTheEngine() throws Exception {
        CheckMojo unset = Mojos.create(CheckMojo::new, project, null, log);
        unset.shadowUrl = Mojos.pom("shadowUrl", NO_SERVER);
        CheckMojo empty = Mojos.create(CheckMojo::new, project, null, log);
        empty.shadowUrl = Mojos.pom("shadowUrl", NO_SERVER);
        empty.ignore = List.of(); // what Maven injects for an unset list

        assertThat(unset.shaleSettings().ignore()).isNull();
        assertThat(empty.shaleSettings().ignore()).isNull();
    }

    /** The descriptor Maven reads: -Ddb.ignore sets the parameter of generate, push and check, documented with @since. */
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
        assertThat(withIgnore).containsExactlyInAnyOrder("generate", "push", "check");
    }
}
