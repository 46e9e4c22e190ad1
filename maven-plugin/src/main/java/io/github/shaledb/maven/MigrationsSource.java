package io.github.shaledb.maven;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.ShaleException;
import org.apache.maven.RepositoryUtils;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.ArtifactTypeRegistry;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where a goal's migrations come from: a folder ({@code db.migrationsDir}), a folder of the project's compile class
 * path ({@code db.migrationsDir=classpath:db/migration}), or the folder of a released artifact
 * ({@code db.migrationsArtifact}). The engine reads a folder: a jar's folder is extracted under
 * {@code target/shale/migrations/<jar file name>/}, replaced on each run, so every message that names a migration
 * file names the jar it came from.
 */
final class MigrationsSource {
    static final String CLASSPATH = "classpath:";
    private static final String JOURNAL = "meta/_journal.json";
    private static final Set<String> COMPILE_SCOPES = Set.of("compile", "provided", "system");

    /** What the goal does with the migrations folder. */
    enum Use { READ, WRITE, NONE }

    private final MavenProject project;
    private final RepositorySystem system;
    private final RepositorySystemSession repositorySession;
    private final Log log;

    MigrationsSource(MavenProject project, RepositorySystem system, RepositorySystemSession repositorySession, Log log) {
        this.project = project;
        this.system = system;
        this.repositorySession = repositorySession;
        this.log = log;
    }

    /** The folder the engine reads (or {@code db:generate} writes); null when neither parameter is set. */
    Path folder(String migrationsDir, String artifact, Use use, String goal) throws ShaleException {
        String classpath = classpathPath(migrationsDir);
        boolean fromArtifact = artifact != null && !artifact.isBlank();
        if (use == Use.NONE) {
            if (fromArtifact || classpath != null) {
                // Said at info, not in silence: the user gave a setting that this goal has no use for.
                log.info("db:" + goal + " reads no migrations, so " + (fromArtifact ? DbProperties.MIGRATIONS_ARTIFACT
                        + "=" + artifact : DbProperties.MIGRATIONS_DIR + "=" + migrationsDir) + " is not used.");
            }
            return classpath == null && migrationsDir != null ? projectPath(migrationsDir) : null;
        }
        if (fromArtifact) {
            if (use == Use.WRITE) {
                throw new ConfigurationException(DbProperties.MIGRATIONS_ARTIFACT, "db:" + goal + " writes the project's own"
                        + " migrations folder, not the released artifact " + DbProperties.MIGRATIONS_ARTIFACT + "=" + artifact + ".",
                        "run db:" + goal + " without -D" + DbProperties.MIGRATIONS_ARTIFACT + ", in the project that builds"
                        + " the migrations (its " + DbProperties.MIGRATIONS_DIR + " is where they are written)");
            }
            if (classpath == null && migrationsDir != null && !migrationsDir.equals(Defaults.MIGRATIONS_DIRECTORY)) {
                log.warn(DbProperties.MIGRATIONS_DIR + "=" + migrationsDir + " is not used: the migrations come from "
                        + DbProperties.MIGRATIONS_ARTIFACT + "=" + artifact + ". To pick a folder inside the artifact, set "
                        + DbProperties.MIGRATIONS_DIR + "=" + CLASSPATH + "<path in the jar>.");
            }
            return fromArtifact(ArtifactCoordinates.parse(artifact), classpath);
        }
        if (classpath == null) {
            return migrationsDir == null ? null : projectPath(migrationsDir);
        }
        return use == Use.WRITE ? writeFolder(classpath) : fromClassPath(classpath);
    }

    /** The path after {@code classpath:}, without leading or trailing slashes; null for a plain folder. */
    static String classpathPath(String migrationsDir) throws ConfigurationException {
        if (migrationsDir == null || !migrationsDir.startsWith(CLASSPATH)) {
            return null;
        }
        String path = migrationsDir.substring(CLASSPATH.length()).trim().replace('\\', '/');
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty() || List.of(path.split("/")).contains("..")) {
            throw new ConfigurationException(DbProperties.MIGRATIONS_DIR, DbProperties.MIGRATIONS_DIR + "=" + migrationsDir
                    + " names no folder of the class path.", "give the folder's path in the jar, e.g. -D"
                    + DbProperties.MIGRATIONS_DIR + "=" + CLASSPATH + "db/migration");
        }
        return path;
    }

    private Path projectPath(String dir) {
        File file = new File(dir);
        return (file.isAbsolute() ? file : new File(project.getBasedir(), dir)).toPath();
    }

    /** The compiled classes, then the resource folders (classes not built yet), then the compile-scope dependencies. */
    private Path fromClassPath(String path) throws ShaleException {
        Path output = outputDirectory().resolve(path);
        if (Files.isDirectory(output)) {
            log.debug(CLASSPATH + path + ": " + output + " (the compiled classes).");
            return output;
        }
        for (Resource resource : resources()) {
            Path candidate = inResource(resource, path);
            if (candidate != null && Files.isDirectory(candidate)) {
                log.debug(CLASSPATH + path + ": " + candidate + " (the resource folder; " + output.getParent()
                        + " lacks it: the classes are not built).");
                return candidate;
            }
        }
        List<File> matches = dependenciesHolding(path);
        if (matches.isEmpty()) {
            Path folder = writeFolder(path);
            log.warn(CLASSPATH + path + " is in neither " + outputDirectory() + ", the resource folders nor a compile"
                    + " dependency; reading " + folder + ".");
            return folder;
        }
        if (matches.size() > 1) {
            log.warn(CLASSPATH + path + " is in several dependencies: " + matches.stream().map(File::getName)
                    .collect(Collectors.joining(", ")) + "; using the first, " + matches.get(0).getName()
                    + ". Set " + DbProperties.MIGRATIONS_ARTIFACT + " to choose one.");
        }
        File first = matches.get(0);
        if (first.isDirectory()) {
            log.debug(CLASSPATH + path + ": " + first.toPath().resolve(path) + " (a reactor module's classes).");
            return first.toPath().resolve(path);
        }
        try (ZipFile zip = new ZipFile(first)) {
            return extract(first, zip, path);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read " + first + ", which holds " + CLASSPATH + path + ": " + e.getMessage(),
                    "rebuild or re-download that dependency (delete it from the local repository)", e);
        }
    }

    /** Where process-resources copies a resource folder's content to {@code path}, mapped back; null if it does not. */
    private Path inResource(Resource resource, String path) {
        Path directory = projectPath(resource.getDirectory());
        String target = resource.getTargetPath() == null ? "" : resource.getTargetPath().replace('\\', '/')
                .replaceAll("^/+|/+$", "");
        if (target.isEmpty()) {
            return directory.resolve(path);
        } else if (path.equals(target)) {
            return directory;
        } else if (path.startsWith(target + "/")) {
            return directory.resolve(path.substring(target.length() + 1));
        }
        return null;
    }

    /** Where {@code db:generate} writes {@code classpath:path}: the first resource folder. */
    private Path writeFolder(String path) {
        return projectPath(resources().get(0).getDirectory()).resolve(path);
    }

    /** The project's resource folders; Maven's default when none is configured. */
    private List<Resource> resources() {
        List<Resource> resources = project.getBuild() == null ? null : project.getBuild().getResources();
        if (resources == null || resources.isEmpty()) {
            Resource standard = new Resource();
            standard.setDirectory("src/main/resources");
            return List.of(standard);
        }
        return resources;
    }

    private Path outputDirectory() {
        String output = project.getBuild() == null ? null : project.getBuild().getOutputDirectory();
        return output == null ? projectPath("target/classes") : projectPath(output);
    }

    private Path buildDirectory() {
        String directory = project.getBuild() == null ? null : project.getBuild().getDirectory();
        return directory == null ? projectPath("target") : projectPath(directory);
    }

    /**
     * The compile class path's jars (and reactor folders) holding {@code path}, in class path order. Resolved here, only
     * for {@code classpath:}, so that no goal needs resolved dependencies and {@code mvn db:migrate} works unbuilt.
     */
    private List<File> dependenciesHolding(String path) throws ShaleException {
        if (system == null || repositorySession == null || project.getDependencies().isEmpty()) {
            return List.of();
        }
        ArtifactTypeRegistry types = repositorySession.getArtifactTypeRegistry();
        CollectRequest collect = new CollectRequest();
        collect.setRepositories(project.getRemoteProjectRepositories());
        project.getDependencies().stream()
                .filter(d -> COMPILE_SCOPES.contains(d.getScope() == null ? "compile" : d.getScope()))
                .forEach(d -> collect.addDependency(RepositoryUtils.toDependency(d, types)));
        if (project.getDependencyManagement() != null) {
            project.getDependencyManagement().getDependencies()
                    .forEach(d -> collect.addManagedDependency(RepositoryUtils.toDependency(d, types)));
        }
        List<ArtifactResult> results;
        try {
            results = system.resolveDependencies(repositorySession, new DependencyRequest(collect,
                    (node, parents) -> node.getDependency() == null
                            || COMPILE_SCOPES.contains(node.getDependency().getScope()))).getArtifactResults();
        } catch (DependencyResolutionException e) {
            throw new ConfigurationException(DbProperties.MIGRATIONS_DIR, "The compile class path, searched for "
                    + CLASSPATH + path + ", cannot be resolved" + offline() + ": " + e.getMessage(),
                    "build the dependencies first (mvn install), or build online once", e);
        }
        List<File> matches = new ArrayList<>();
        for (ArtifactResult result : results) {
            File file = result.getArtifact() == null ? null : result.getArtifact().getFile();
            if (file != null && holds(file, path)) {
                matches.add(file);
            }
        }
        return matches;
    }

    private static boolean holds(File file, String path) {
        if (file.isDirectory()) {
            return Files.isDirectory(file.toPath().resolve(path));
        }
        try (ZipFile zip = new ZipFile(file)) {
            return zip.stream().anyMatch(e -> e.getName().startsWith(path + "/"));
        } catch (IOException e) {
            return false; // not a jar: nothing of the class path's folders
        }
    }

    private Path fromArtifact(ArtifactCoordinates coordinates, String classpath) throws ShaleException {
        File file = resolve(coordinates);
        try (ZipFile zip = new ZipFile(file)) {
            String folder = classpath != null ? classpath : journalFolder(zip, file, coordinates);
            if (classpath != null && zip.stream().noneMatch(e -> e.getName().startsWith(classpath + "/"))) {
                throw new ConfigurationException(DbProperties.MIGRATIONS_DIR, DbProperties.MIGRATIONS_DIR + "=" + CLASSPATH
                        + classpath + " is not in " + file.getName() + " (" + DbProperties.MIGRATIONS_ARTIFACT + "="
                        + coordinates + "); its folders holding " + JOURNAL + ": " + describe(journalFolders(zip)) + ".",
                        "set " + DbProperties.MIGRATIONS_DIR + "=" + CLASSPATH + "<one of them>, or leave it unset");
            }
            Path extracted = extract(file, zip, folder);
            log.info("Migrations of " + coordinates + ": " + file.getName() + "!/" + folder + (folder.isEmpty() ? "" : "/")
                    + ", extracted to " + extracted + ".");
            return extracted;
        } catch (IOException e) {
            throw new ConfigurationException(DbProperties.MIGRATIONS_ARTIFACT, DbProperties.MIGRATIONS_ARTIFACT + "="
                    + coordinates + " resolved to " + file + ", which cannot be read as a jar: " + e.getMessage(),
                    "name the artifact that packages the migrations folder (a jar or zip)", e);
        }
    }

    private File resolve(ArtifactCoordinates c) throws ConfigurationException {
        DefaultArtifact artifact = new DefaultArtifact(c.groupId(), c.artifactId(), c.classifier(), c.extension(), c.version());
        List<RemoteRepository> repositories = project.getRemoteProjectRepositories();
        try {
            return system.resolveArtifact(repositorySession, new ArtifactRequest(artifact, repositories, null))
                    .getArtifact().getFile();
        } catch (ArtifactResolutionException e) {
            String tried = repositories.stream().map(r -> r.getId() + " (" + r.getUrl() + ")").collect(Collectors.joining(", "));
            boolean offline = repositorySession.isOffline();
            throw new ConfigurationException(DbProperties.MIGRATIONS_ARTIFACT, DbProperties.MIGRATIONS_ARTIFACT + "=" + c
                    + " cannot be resolved" + offline() + " from the local repository "
                    + repositorySession.getLocalRepository().getBasedir()
                    + (offline ? " (remote repositories, not contacted offline: " : " and the remote repositories (")
                    + (tried.isEmpty() ? "none" : tried) + "): " + e.getMessage(),
                    "check the coordinates (groupId:artifactId:version[:classifier[:extension]]) and that this version was"
                    + " deployed" + (offline ? "; or build without -o once to download it"
                    : "; a private repository needs its <server> credentials in settings.xml"), e);
        }
    }

    private String offline() {
        return repositorySession != null && repositorySession.isOffline() ? " offline (-o)" : "";
    }

    /** The one folder of the jar holding {@code meta/_journal.json}. */
    static String journalFolder(ZipFile zip, File file, ArtifactCoordinates coordinates) throws ConfigurationException {
        List<String> folders = journalFolders(zip);
        if (folders.size() == 1) {
            return folders.get(0);
        }
        throw new ConfigurationException(DbProperties.MIGRATIONS_ARTIFACT, file.getName() + " (" + DbProperties.MIGRATIONS_ARTIFACT
                + "=" + coordinates + ") has " + (folders.isEmpty() ? "no folder holding " + JOURNAL
                : folders.size() + " folders holding " + JOURNAL + ": " + describe(folders)) + ".",
                "pick the migrations folder with -D" + DbProperties.MIGRATIONS_DIR + "=" + CLASSPATH + "<path in the jar>"
                + (folders.isEmpty() ? "" : ", e.g. " + CLASSPATH + (folders.get(0).isEmpty() ? "/" : folders.get(0))));
    }

    static List<String> journalFolders(ZipFile zip) {
        Set<String> folders = new TreeSet<>();
        zip.stream().map(ZipEntry::getName)
                .filter(name -> name.equals(JOURNAL) || name.endsWith("/" + JOURNAL))
                .forEach(name -> folders.add(name.substring(0, Math.max(0, name.length() - JOURNAL.length() - 1))));
        return new ArrayList<>(folders);
    }

    private static String describe(List<String> folders) {
        return folders.isEmpty() ? "none" : folders.stream().map(f -> f.isEmpty() ? "/" : f).collect(Collectors.joining(", "));
    }

    /** Copies {@code folder} of the jar to {@code target/shale/migrations/<jar file name>/<folder>}, replacing it. */
    Path extract(File file, ZipFile zip, String folder) throws EnvironmentException {
        Path root = buildDirectory().resolve("shale").resolve("migrations").resolve(file.getName()).toAbsolutePath().normalize();
        Path target = folder.isEmpty() ? root : root.resolve(folder);
        String prefix = folder.isEmpty() ? "" : folder + "/";
        try {
            deleteTree(root);
            Files.createDirectories(target);
            for (ZipEntry entry : Collections.list(zip.entries())) {
                Path to = root.resolve(entry.getName()).normalize();
                if (entry.isDirectory() || !entry.getName().startsWith(prefix) || !to.startsWith(root)) {
                    continue;
                }
                Files.createDirectories(to.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, to);
                }
            }
        } catch (IOException e) {
            throw new EnvironmentException("Cannot extract " + file.getName() + "!/" + prefix + " to " + root + ": "
                    + e.getMessage(), "check that the build directory is writable", e);
        }
        log.debug("Extracted " + file + "!/" + prefix + " to " + target + ".");
        return target;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }

    /** {@code groupId:artifactId:version[:classifier[:extension]]}; the extension defaults to jar. */
    record ArtifactCoordinates(String groupId, String artifactId, String version, String classifier, String extension) {

        static ArtifactCoordinates parse(String spec) throws ConfigurationException {
            String[] parts = spec.trim().split(":", -1);
            boolean wellFormed = parts.length >= 3 && parts.length <= 5;
            for (int i = 0; wellFormed && i < 3; i++) {
                wellFormed = !parts[i].isBlank();
            }
            if (!wellFormed) {
                throw new ConfigurationException(DbProperties.MIGRATIONS_ARTIFACT, DbProperties.MIGRATIONS_ARTIFACT + "=" + spec
                        + " is not groupId:artifactId:version[:classifier[:extension]].",
                        "e.g. -D" + DbProperties.MIGRATIONS_ARTIFACT + "=com.example:orders-migrations:1.4.0");
            }
            String version = parts[2].trim();
            if (version.matches(".*[\\[\\](),].*") || version.equals("LATEST") || version.equals("RELEASE")) {
                throw new ConfigurationException(DbProperties.MIGRATIONS_ARTIFACT, DbProperties.MIGRATIONS_ARTIFACT + "=" + spec
                        + " has no fixed version: a deploy runs exactly the migrations of one release.",
                        "name the released version, e.g. " + parts[0].trim() + ":" + parts[1].trim() + ":1.4.0");
            }
            String classifier = parts.length > 3 ? parts[3].trim() : "";
            String extension = parts.length > 4 && !parts[4].isBlank() ? parts[4].trim() : "jar";
            return new ArtifactCoordinates(parts[0].trim(), parts[1].trim(), version, classifier, extension);
        }

        @Override
        public String toString() {
            return groupId + ":" + artifactId + ":" + version + (classifier.isEmpty() ? "" : ":" + classifier)
                    + (extension.equals("jar") ? "" : (classifier.isEmpty() ? ":" : "") + ":" + extension);
        }
    }
}
