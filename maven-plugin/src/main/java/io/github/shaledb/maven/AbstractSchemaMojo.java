package io.github.shaledb.maven;

import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import java.io.File;
import java.util.List;

/** The parameters of the goals that read the schema files through a shadow database: generate, push, check. */
public abstract class AbstractSchemaMojo extends AbstractShaleMojo {

    /**
     * The schema files: plain PostgreSQL DDL in {@code *.sql} files, applied in file-name order to a
     * scratch database to get the desired schema. Unset: {@code src/main/db/schema}.
     *
     * @since 0.2.0
     */
    @Parameter(property = DbProperties.SCHEMA_DIR)
    File schemaDir;

    /**
     * The schemas Shale manages, comma-separated. Unset: {@code public}.
     *
     * @since 0.2.0
     */
    @Parameter(property = DbProperties.SCHEMAS)
    List<String> schemas;

    /**
     * A server on which to create (and always drop) the scratch database {@code shale_shadow_<random>},
     * e.g. {@code jdbc:postgresql://localhost:5432/postgres}; its user needs CREATEDB. Credentials are
     * those of {@code db.user}/{@code db.password}/{@code db.serverId}. Unset: a temporary embedded server
     * of version {@code db.postgresVersion}.
     *
     * @since 0.2.0
     */
    @Parameter(property = DbProperties.SHADOW_URL)
    String shadowUrl;

    protected AbstractSchemaMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem) {
        super(settingsDecrypter, repositorySystem);
    }

    @Override
    protected void configure(ShaleSettings.Builder builder) {
        builder.schemaDirectory(schemaDir == null ? null : schemaDir.toPath())
                // Maven injects an empty list for an unset list parameter.
                .schemas(schemas == null || schemas.isEmpty() ? null : schemas)
                .shadowUrl(shadowUrl);
    }

    boolean interactive() {
        return session != null && session.getRequest().isInteractiveMode();
    }
}
