package io.github.shaledb.engine.embedded;

import io.github.shaledb.engine.api.Defaults;

import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL major versions Shale generates for, and the zonky binaries version an embedded server of
 * each major runs: versions that exist on Maven Central for every platform zonky builds and that start
 * with {@link EmbeddedPostgres}'s launcher ({@code ServerVersionsTest} starts each).
 */
public final class PostgresVersions {
    public static final int OLDEST = 13;
    public static final int NEWEST = 18;

    private static final Map<Integer, String> BINARIES = new TreeMap<>(Map.of(
            13, "13.18.0",
            14, "14.15.0",
            15, "15.10.0",
            16, "16.6.0",
            17, Defaults.POSTGRES_VERSION,
            18, "18.1.0"));
    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.\\d+){0,2}(?:-\\d+)?");

    private PostgresVersions() {
    }

    /** Major version to binaries version, 13 to 18. */
    public static Map<Integer, String> binaries() {
        return BINARIES;
    }

    /** The binaries version for an embedded server of {@code major}; null outside {@link #OLDEST}..{@link #NEWEST}. */
    public static String binariesFor(int major) {
        return BINARIES.get(major);
    }

    /** The major of {@code 15}, {@code 15.10}, {@code 15.10.0} or {@code 15.10.0-1}; empty when it is none of these. */
    public static OptionalInt majorOf(String version) {
        Matcher m = VERSION.matcher(version == null ? "" : version.trim());
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Whether {@code version} names a major alone ({@code 15}), which {@link #binariesFor} maps to binaries. */
    public static boolean isMajorOnly(String version) {
        return version != null && version.trim().matches("\\d+");
    }

    /** {@code server_version_num} (e.g. 150010) to its major (15). */
    public static int majorOfVersionNumber(int serverVersionNum) {
        return serverVersionNum / 10000;
    }
}
