package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.introspect.UnmanagedObject;
import io.github.shaledb.engine.introspect.UnmanagedReader;

import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Nothing lost in silence: what the schema files hold that Shale does not manage (see {@link UnmanagedReader})
 * is named in a warning by generate and push, and is a problem for check unless the migrations build it too
 * (a custom migration) — in every case unless {@code db.ignore} lists it.
 */
final class UnmanagedObjects {
    static final String GENERATE = "not in the migration";
    static final String PUSH = "db:push does not apply it";

    private static final String PREFIX = "Not managed by Shale: ";
    private static final String CUSTOM_MIGRATION = "write it in a custom migration: mvn db:generate -Ddb.custom=true";

    private UnmanagedObjects() {
    }

    /**
     * generate's and push's warnings, one per object, then one per {@code db.ignore} entry that matches nothing.
     *
     * @param found       those of the schema files; null when they were not read (nothing to say)
     * @param consequence what the verb does about them, {@link #GENERATE} or {@link #PUSH}
     */
    static void warn(List<UnmanagedObject> found, RunSettings s, ShaleListener listener, String consequence) {
        if (found == null) {
            return;
        }
        IgnoreList ignore = IgnoreList.of(s.raw().ignore());
        for (UnmanagedObject o : found) {
            if (!ignore.ignores(o)) {
                listener.onEvent(ShaleEvent.warn(PREFIX + o.describe() + " — " + consequence + "; " + CUSTOM_MIGRATION
                        + ", or list it in db.ignore (" + o.ignoreEntry() + ") to silence this."));
            }
        }
        ignore.unused(found).forEach(w -> listener.onEvent(ShaleEvent.warn(w)));
    }

    /**
     * check's problems: an object of the schema files that the replayed migrations do not build (the same kind,
     * name and detail), and one the migrations build that the schema files do not have.
     *
     * @param inSchemaFiles those of the schema files; null when they were not read or failed (nothing to compare)
     * @param replayed      the scratch database every migration was replayed on
     * @param replayEnded   false when the replay stopped at a failure (already a problem): later migrations may
     *                      build what is missing, so nothing is compared
     */
    static void check(List<UnmanagedObject> inSchemaFiles, Connection replayed, boolean replayEnded, RunSettings s,
                      ShaleListener listener, List<String> problems) throws ShaleException {
        if (inSchemaFiles == null) {
            return;
        }
        if (!replayEnded) {
            listener.onEvent(ShaleEvent.info("The objects Shale does not manage were not compared: the replay of the"
                    + " migrations stopped early."));
            return;
        }
        Set<UnmanagedObject> files = new TreeSet<>(inSchemaFiles);
        Set<UnmanagedObject> built = new TreeSet<>(UnmanagedReader.read(replayed, s.schemas()));
        IgnoreList ignore = IgnoreList.of(s.raw().ignore());
        Set<UnmanagedObject> named = new HashSet<>();
        for (UnmanagedObject o : files) {
            if (ignore.ignores(o) || built.contains(o)) {
                continue;
            }
            // The same object made otherwise (another storage, another parser): one problem for both.
            List<UnmanagedObject> otherwise = built.stream().filter(b -> b.kind() == o.kind() && b.name().equals(o.name())
                    && !files.contains(b)).toList();
            named.addAll(otherwise);
            problems.add(PREFIX + o.describe() + " — in the schema files, but " + (otherwise.isEmpty()
                    ? "not in the database the migrations build"
                    : "the migrations build " + otherwise.stream().map(UnmanagedObject::describe).collect(Collectors.joining(" and ")))
                    + "; " + CUSTOM_MIGRATION + ", or list it in db.ignore (" + o.ignoreEntry() + ")");
        }
        for (UnmanagedObject o : built) {
            if (!ignore.ignores(o) && !files.contains(o) && !named.contains(o)) {
                problems.add(PREFIX + o.describe() + " — the migrations build it, but the schema files do not have it;"
                        + " add it to the schema files, or drop it in a custom migration: mvn db:generate -Ddb.custom=true,"
                        + " or list it in db.ignore (" + o.ignoreEntry() + ")");
            }
        }
        Set<UnmanagedObject> all = new TreeSet<>(files);
        all.addAll(built);
        ignore.unused(all).forEach(w -> listener.onEvent(ShaleEvent.warn(w)));
    }
}
