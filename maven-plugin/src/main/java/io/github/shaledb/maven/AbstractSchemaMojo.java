package io.github.shaledb.maven;

import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.eclipse.aether.RepositorySystem;

import java.io.File;
import java.util.List;

/** The parameters of the goals that use a shadow database: generate, push, check (the schema files), lint (tracing). */
public abstract class AbstractSchemaMojo extends AbstractShaleMojo {

    /**
     * The schema files: plain PostgreSQL DDL in {@code *.sql} files, applied in file-name order to a
     * scratch database to get the desired schema.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.SCHEMA_DIR, defaultValue = Defaults.SCHEMA_DIRECTORY)
    File schemaDir;

    /**
     * The schemas Shale manages, comma-separated. Unset: {@code public}.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.SCHEMAS)
    List<String> schemas;

    /**
     * A server on which to create (and always drop) the scratch database {@code shale_shadow_<random>},
     * e.g. {@code jdbc:postgresql://localhost:5432/postgres}; its user needs CREATEDB. Credentials are
     * those of {@code db.user}/{@code db.password}/{@code db.serverId}. Or {@code docker:IMAGE}
     * ({@code docker:pgvector/pgvector:pg16}, {@code docker:postgis/postgis:16-3.4}): a throwaway container of the
     * image production runs, with its extensions, whose major version the migration is written for unless
     * {@code db.url} or {@code db.postgresVersion} says another (needs Docker). Unset: a container of the image
     * {@code db.url=docker:IMAGE} names, else a temporary embedded server of version {@code db.postgresVersion}. A text; its type lets {@code mvn -X} print the expression
     * ({@code ${db.shadowUrl}}) rather than the URL, which may hold a password.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.SHADOW_URL)
    PlexusConfiguration shadowUrl;

    /**
     * Objects that Shale does not manage (operators, casts, text search configurations, rules, foreign tables,
     * a column's storage, …) which {@code db:generate} and {@code db:push} do not warn about and {@code db:check}
     * does not fail on. Comma-separated entries {@code kind:name} or {@code name}: the name qualified as the
     * warning prints it ({@code public.===}, {@code public.orders.note}), {@code *} for any run of characters, the
     * kind as the warning's {@code db.ignore} hint gives it ({@code operator}, {@code text-search-configuration});
     * without a kind, every kind. E.g. {@code operator:public.===,text-search-configuration:public.*}. An entry
     * that matches nothing is warned about. Unset: nothing is ignored.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.IGNORE)
    List<String> ignore;

    protected AbstractSchemaMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem) {
        super(settingsDecrypter, repositorySystem);
    }

    @Override
    protected void configure(ShaleSettings.Builder builder) throws MojoFailureException {
        builder.schemaDirectory(schemaDir == null ? null : schemaDir.toPath())
                // Maven injects an empty list for an unset list parameter.
                .schemas(schemas == null || schemas.isEmpty() ? null : schemas)
                .shadowUrl(text(shadowUrl))
                .ignore(ignore == null || ignore.isEmpty() ? null : ignore);
    }

    boolean interactive() {
        return session != null && session.getRequest().isInteractiveMode();
    }
}
