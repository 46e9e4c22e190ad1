package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.BinariesArtifact;
import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.connect.Connector;
import io.github.shaledb.engine.connect.DatabaseTarget;
import io.github.shaledb.engine.embedded.PostgresBinaries;
import io.github.shaledb.engine.embedded.PostgresVersions;
import io.github.shaledb.engine.schema.SchemaSnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * The PostgreSQL major version a generated migration must run on, and where it was learnt. In order:
 * the server at {@code db.url} when given (if it can be reached), {@code db.postgresVersion}, the version
 * the latest snapshot records, else the default ({@link Defaults#POSTGRES_VERSION}'s major).
 *
 * @param source says where the version came from, for messages: "db.url (jdbc:postgresql://…)"
 */
record TargetVersion(int major, String source) {
    /** Seconds to wait for db.url: generate needs no database, so an unreachable one only costs a warning. */
    private static final String CONNECT_TIMEOUT_SECONDS = "5";
    private static final String DEFAULT_SOURCE = "the default";

    static TargetVersion resolve(RunSettings s, SchemaSnapshot latest, String latestTag, ShaleListener listener)
            throws ConfigurationException {
        TargetVersion fallback = withoutDatabase(s, latest, latestTag);
        String url = s.raw().url();
        if (url == null || url.isBlank()) {
            return fallback;
        }
        DatabaseTarget target = DatabaseTarget.resolve(s.raw());
        if (target.embedded()) {
            return embedded(s, target.embeddedDataDirectory());
        }
        if (target.container()) {
            return fallback; // not started for its version: the shadow runs that image and gives it (ShadowDatabase)
        }
        try {
            int versionNum = serverVersionNum(target, s.applicationName());
            return checked(PostgresVersions.majorOfVersionNumber(versionNum), "db.url (" + target.describe() + ")", listener);
        } catch (SQLException e) {
            listener.onEvent(ShaleEvent.warn("Cannot read the server version from db.url (" + target.describe() + "): "
                    + e.getMessage() + ". Generating for PostgreSQL " + fallback.major()
                    + ", from " + fallback.source() + "."));
            return fallback;
        }
    }

    /** {@code db.postgresVersion}, else the latest snapshot's version, else the default. */
    private static TargetVersion withoutDatabase(RunSettings s, SchemaSnapshot latest, String latestTag)
            throws ConfigurationException {
        Integer configured = configuredMajor(s);
        if (configured != null) {
            return new TargetVersion(configured, "db.postgresVersion");
        }
        if (latest != null && latest.postgresVersion() != null) {
            return new TargetVersion(latest.postgresVersion(), "the snapshot of " + latestTag);
        }
        return new TargetVersion(PostgresVersions.majorOf(Defaults.POSTGRES_VERSION).orElseThrow(), DEFAULT_SOURCE);
    }

    /** Whether no setting, server or snapshot gave the version: it is Shale's default. */
    boolean defaulted() {
        return DEFAULT_SOURCE.equals(source);
    }

    /** db.url=embedded: the version of its data directory when it holds one, else of the binaries it would start. */
    private static TargetVersion embedded(RunSettings s, Path dataDirectory) throws ConfigurationException {
        Path versionFile = dataDirectory.resolve("PG_VERSION");
        if (Files.isRegularFile(versionFile)) {
            try {
                OptionalInt major = PostgresVersions.majorOf(Files.readString(versionFile).strip());
                if (major.isPresent()) {
                    return new TargetVersion(major.getAsInt(), "db.url=embedded (" + dataDirectory + ")");
                }
            } catch (IOException e) {
                // Unreadable: the version it would be started with says the same for a directory it created.
            }
        }
        Integer configured = configuredMajor(s);
        return configured != null ? new TargetVersion(configured, "db.url=embedded (db.postgresVersion)")
                : new TargetVersion(PostgresVersions.majorOf(Defaults.POSTGRES_VERSION).orElseThrow(), "db.url=embedded");
    }

    /** A major outside the versions Shale knows: older ones are refused, newer ones get the newest Shale knows. */
    private static TargetVersion checked(int major, String source, ShaleListener listener) throws ConfigurationException {
        if (major < PostgresVersions.OLDEST) {
            throw new ConfigurationException("db.url", "The server at " + source + " runs PostgreSQL " + major
                    + "; db:generate writes migrations for PostgreSQL " + PostgresVersions.OLDEST + " to "
                    + PostgresVersions.NEWEST + ".", "upgrade the server, or generate with another Shale");
        }
        if (major > PostgresVersions.NEWEST) {
            listener.onEvent(ShaleEvent.warn("PostgreSQL " + major + " (" + source + ") is newer than the newest version"
                    + " this Shale knows; generating for PostgreSQL " + PostgresVersions.NEWEST + ", whose statements it runs."));
            return new TargetVersion(PostgresVersions.NEWEST, source);
        }
        return new TargetVersion(major, source);
    }

    /** The major of {@code db.postgresVersion} ({@code 15} or {@code 15.10.0}), or null when it is unset. */
    static Integer configuredMajor(RunSettings s) throws ConfigurationException {
        String v = s.raw().postgresVersion();
        if (v == null || v.isBlank()) {
            return null;
        }
        OptionalInt major = PostgresVersions.majorOf(v);
        if (major.isEmpty()) {
            throw new ConfigurationException("db.postgresVersion", "db.postgresVersion is '" + v + "', not a PostgreSQL version.",
                    "give a major version such as 15, or the version of the io.zonky.test.postgres binaries, e.g. 15.10.0");
        }
        if (major.getAsInt() < PostgresVersions.OLDEST || major.getAsInt() > PostgresVersions.NEWEST) {
            throw new ConfigurationException("db.postgresVersion", "db.postgresVersion is " + v + "; Shale runs and"
                    + " generates for PostgreSQL " + PostgresVersions.OLDEST + " to " + PostgresVersions.NEWEST + ".",
                    "give the major version production runs, between " + PostgresVersions.OLDEST + " and "
                            + PostgresVersions.NEWEST);
        }
        return major.getAsInt();
    }

    /**
     * The binaries version of an embedded server of {@code major}: {@code db.postgresVersion} itself when it names
     * binaries of that major ({@code 16.4.0}), else the version Shale maps the major to.
     */
    static String binariesVersion(RunSettings s, int major) throws ConfigurationException {
        String v = s.raw().postgresVersion();
        Integer configured = configuredMajor(s);
        if (configured != null && configured == major && !PostgresVersions.isMajorOnly(v)) {
            return v.trim();
        }
        return PostgresVersions.binariesFor(major);
    }

    /** The binaries version of the embedded server {@code db.postgresVersion} asks for, else the default's. */
    static String configuredBinariesVersion(RunSettings s) throws ConfigurationException {
        Integer configured = configuredMajor(s);
        return configured == null ? Defaults.POSTGRES_VERSION : binariesVersion(s, configured);
    }

    /**
     * The binaries to start an embedded server of {@code version} from: {@code postgresBinaries} when the front end
     * fixed them, else what its resolver gives for the version, else null (the class path's).
     */
    static Path binaries(RunSettings s, String version) throws ShaleException {
        if (s.raw().postgresBinaries() != null) {
            return s.raw().postgresBinaries();
        }
        return s.raw().binariesResolver() == null ? null : s.raw().binariesResolver().resolve(new BinariesArtifact(
                PostgresBinaries.GROUP_ID, PostgresBinaries.artifactIdForCurrentPlatform(), version));
    }

    private static int serverVersionNum(DatabaseTarget target, String applicationName) throws SQLException {
        Properties props = Connector.properties(target, applicationName);
        props.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        props.setProperty("socketTimeout", CONNECT_TIMEOUT_SECONDS);
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), props);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select current_setting('server_version_num')::int")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
