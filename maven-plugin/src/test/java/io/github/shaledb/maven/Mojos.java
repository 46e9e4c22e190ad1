package io.github.shaledb.maven;

import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;

import java.io.File;
import java.nio.file.Path;
import java.util.function.BiFunction;

/** Builds mojos as Maven would, with a project in a folder and a recording log; no container, no database. */
final class Mojos {
    private Mojos() {
    }

    /** A parameter that Maven hands over unevaluated, as the POM's {@code <name>value</name>} gives it. */
    static PlexusConfiguration pom(String name, String value) {
        XmlPlexusConfiguration configuration = new XmlPlexusConfiguration(name);
        configuration.setValue(value);
        return configuration;
    }

    static <M extends AbstractShaleMojo> M create(BiFunction<SettingsDecrypter, org.eclipse.aether.RepositorySystem, M> constructor,
                                                   Path projectDirectory, SettingsDecrypter decrypter, RecordingLog log) {
        M mojo = constructor.apply(decrypter, null);
        Model model = new Model();
        model.setGroupId("com.example");
        model.setArtifactId("orders-service");
        model.setVersion("1.0");
        MavenProject project = new MavenProject(model);
        project.setFile(new File(projectDirectory.toFile(), "pom.xml"));
        mojo.project = project;
        mojo.settings = new Settings();
        mojo.setLog(log);
        return mojo;
    }
}
