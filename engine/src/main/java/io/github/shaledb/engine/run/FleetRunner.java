package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.FleetResult;
import io.github.shaledb.engine.api.FleetResult.MigrationCount;
import io.github.shaledb.engine.api.FleetResult.Target;
import io.github.shaledb.engine.api.FleetResult.TargetState;
import io.github.shaledb.engine.api.FleetResult.Verb;
import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.api.RollbackResult;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.StatusResult.State;
import io.github.shaledb.engine.fleet.FleetReport;
import io.github.shaledb.engine.fleet.FleetTarget;
import io.github.shaledb.engine.fleet.FleetTargets;
import io.github.shaledb.engine.lock.AdvisoryLock;
import io.github.shaledb.engine.migrations.MigrationDirectory;
import io.github.shaledb.engine.tracking.AppliedRow;
import io.github.shaledb.engine.tracking.TrackingTable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A verb over the fleet {@code db.targets} names: waves (the canary first and alone), {@code db.parallel} workers with
 * one connection each, {@code db.onError}, a progress line, and per target the verb's own run (its lock, its tracking
 * table, its history). Before any lock each target is read in one round trip: the tracking rows' names and hashes
 * against the folder; a target with nothing to do is done then.
 */
public final class FleetRunner {
    /** How often the progress line is repeated while targets run. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final ShaleListener listener;

    public FleetRunner(ShaleListener listener) {
        this.listener = listener;
    }

    public FleetResult run(Verb verb, RunSettings s) throws ShaleException {
        long start = System.nanoTime();
        MigrationDirectory directory = MigrationDirectory.read(s.migrationsDirectory());
        try (Base base = new Base(s, listener)) {
            List<FleetTarget> targets = FleetTargets.read(s.raw().targets(), s.projectDirectory(), () -> base.session().connection());
            checkSettings(s, targets);
            int parallel = parallel(s, targets.size());
            List<List<Integer>> waves = waves(s, targets);
            List<String> folderProblems = verb == Verb.CHECK ? checkFolder(s) : List.of();
            Run run = new Run(verb, s, directory, targets, base, parallel);
            listener.onEvent(ShaleEvent.info("db:" + verb.goal() + " over " + targets.size() + " " + run.noun + ", "
                    + parallel + " at a time" + (waves.size() > 1 ? "; canary wave of " + waves.get(0).size()
                    + " first (db.canary=" + s.raw().canary().strip() + ")" : "") + "."));
            Thread interrupted = new Thread(run::interrupted, "shale-fleet-interrupted");
            boolean hooked = addShutdownHook(interrupted);
            try {
                runWaves(run, waves, targets.size());
            } finally {
                if (hooked) {
                    removeShutdownHook(interrupted);
                }
            }
            FleetResult result = new FleetResult(verb, run.results(), run.migrationCounts(), folderProblems,
                    Migrator.elapsed(start));
            if (s.raw().report() != null) {
                Path report = s.projectDirectory().resolve(s.raw().report());
                FleetReport.write(report, result);
                listener.onEvent(ShaleEvent.info("Wrote the per-target results to " + report + "."));
            }
            return result;
        }
    }

    private void runWaves(Run run, List<List<Integer>> waves, int total) throws ShaleException {
        for (int w = 0; w < waves.size(); w++) {
            if (run.wave(waves.get(w), w + 1, waves.size())) {
                continue;
            }
            for (int later = w + 1; later < waves.size(); later++) {
                for (int i : waves.get(later)) {
                    run.notStarted(i, later + 1);
                }
            }
            if (w == 0 && waves.size() > 1) {
                listener.onEvent(ShaleEvent.warn("The canary wave failed on " + run.failed.get() + " of "
                        + waves.get(0).size() + " " + run.noun + ": the other " + (total - waves.get(0).size())
                        + " were not started."));
            }
            return;
        }
    }

    /** Ctrl-C: say where the fleet stands as the JVM ends; the server rolls back what was running with its session. */
    private static boolean addShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException | SecurityException e) {
            return false; // already shutting down
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | SecurityException e) {
            // shutting down: the hook runs
        }
    }

    /**
     * db:check's checks of the folder (journal, snapshot chain, schema files, replay on a scratch database), once for
     * the whole fleet: the same settings without a database, so the drift of each target is the per-target part.
     */
    private List<String> checkFolder(RunSettings s) throws ShaleException {
        Map<String, String> environment = new java.util.HashMap<>(s.raw().environment());
        List.of(Defaults.ENV_DATABASE_URL, "PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGSERVICE").forEach(environment::remove);
        RunSettings folder = RunSettings.of(s.raw().toBuilder().targets(null).url(null).environment(environment).build());
        return new Checker(listener).check(folder).problems();
    }

    private void checkSettings(RunSettings s, List<FleetTarget> targets) throws ConfigurationException {
        boolean schemas = targets.stream().anyMatch(FleetTarget::schemaTarget);
        if (schemas && s.raw().lockId() != null) {
            throw new ConfigurationException("db.lockId", "db.lockId gives every tenant schema of " + FleetTargets.PROPERTY
                    + " the same migration lock, so tenants would wait for each other.",
                    "remove db.lockId: each tenant's lock key is derived from its own tracking table");
        }
        if (schemas && s.raw().trackingSchema() != null && !s.raw().trackingSchema().equals(Defaults.TRACKING_SCHEMA)) {
            listener.onEvent(ShaleEvent.warn("db.trackingSchema=" + s.raw().trackingSchema() + " is not used for the schema"
                    + " targets of " + FleetTargets.PROPERTY + ": each tenant's tracking table is in its own schema."));
        }
    }

    private static int parallel(RunSettings s, int targets) throws ConfigurationException {
        Integer parallel = s.raw().parallel();
        if (parallel == null) {
            return Math.min(Defaults.PARALLEL, targets);
        }
        if (parallel < 1) {
            throw new ConfigurationException("db.parallel", "db.parallel is " + parallel + ".",
                    "give how many targets run at once (each holds one connection), 1 or more");
        }
        return Math.min(parallel, targets);
    }

    /** The targets' indexes by wave: the canary ({@code db.canary}: a count, or a group's name) first, then the rest. */
    private static List<List<Integer>> waves(RunSettings s, List<FleetTarget> targets) throws ConfigurationException {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            all.add(i);
        }
        String canary = s.raw().canary();
        if (canary == null || canary.isBlank()) {
            return List.of(all);
        }
        String value = canary.strip();
        List<Integer> first = new ArrayList<>();
        if (value.matches("\\d+")) {
            int n = Integer.parseInt(value);
            if (n < 1 || n >= targets.size()) {
                throw new ConfigurationException("db.canary", "db.canary=" + value + ", but the fleet has " + targets.size()
                        + " target(s): the canary wave must leave some for the second.",
                        "give a number from 1 to " + (targets.size() - 1) + ", a group's name, or remove db.canary");
            }
            first.addAll(all.subList(0, n));
        } else {
            for (int i = 0; i < targets.size(); i++) {
                if (value.equals(targets.get(i).group())) {
                    first.add(i);
                }
            }
            if (first.isEmpty()) {
                List<String> groups = targets.stream().map(FleetTarget::group).filter(g -> g != null).distinct().sorted().toList();
                throw new ConfigurationException("db.canary", "db.canary=" + value + " is no group of the fleet's targets"
                        + (groups.isEmpty() ? " (none has a group)" : " (groups: " + String.join(", ", groups) + ")") + ".",
                        "give a group the targets file or query assigns, or a number of targets");
            }
            if (first.size() == targets.size()) {
                throw new ConfigurationException("db.canary", "db.canary=" + value + " is every target of the fleet.",
                        "give the group only the canary targets, or remove db.canary");
            }
        }
        List<Integer> rest = new ArrayList<>(all);
        rest.removeAll(first);
        return List.of(first, rest);
    }

    /** The {@code db.url} session: opened once, when a query or a schema target needs it; kept open (an embedded server with it). */
    private static final class Base implements AutoCloseable {
        private final RunSettings settings;
        private final ShaleListener listener;
        private DatabaseSession session;

        Base(RunSettings settings, ShaleListener listener) {
            this.settings = settings;
            this.listener = listener;
        }

        synchronized DatabaseSession session() throws ShaleException {
            if (session == null) {
                session = DatabaseSession.open(settings, listener);
            }
            return session;
        }

        @Override
        public synchronized void close() {
            if (session != null) {
                session.close();
            }
        }
    }

    /** One run over the fleet: the shared counters and the results by target. */
    private final class Run {
        private final Verb verb;
        private final RunSettings settings;
        private final MigrationDirectory directory;
        private final List<FleetTarget> targets;
        private final Base base;
        private final int parallel;
        private final String noun;
        private final Target[] results;
        private final Map<String, Map<State, Integer>> counts = new LinkedHashMap<>();
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();
        /** Per migration tag, where it names a managed schema ("line 3: public.orders"), or "" when it does not. */
        private final Map<String, String> qualified = new java.util.concurrent.ConcurrentHashMap<>();
        private final Checker checker = new Checker(event -> listener.onEvent(event));
        private Map<String, io.github.shaledb.engine.schema.SchemaSnapshot> snapshots;

        Run(Verb verb, RunSettings settings, MigrationDirectory directory, List<FleetTarget> targets, Base base, int parallel) {
            this.verb = verb;
            this.settings = settings;
            this.directory = directory;
            this.targets = targets;
            this.base = base;
            this.parallel = parallel;
            this.results = new Target[targets.size()];
            boolean schemas = targets.stream().allMatch(FleetTarget::schemaTarget);
            boolean databases = targets.stream().noneMatch(FleetTarget::schemaTarget);
            this.noun = schemas ? "tenants" : databases ? "databases" : "targets";
            directory.migrations().forEach(m -> counts.put(m.tag(), new EnumMap<>(State.class)));
        }

        /** Runs one wave with the workers; false when a target failed and no further wave (or target) may start. */
        boolean wave(List<Integer> indexes, int wave, int waves) throws ShaleException {
            AtomicInteger next = new AtomicInteger();
            int workers = Math.min(parallel, indexes.size());
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "shale-fleet");
                t.setDaemon(true);
                return t;
            });
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "shale-fleet-progress");
                t.setDaemon(true);
                return t;
            });
            String[] last = {""};
            ticker.scheduleAtFixedRate(() -> progress(last, false), PROGRESS_EVERY.toMillis(), PROGRESS_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
            List<Future<?>> futures = new ArrayList<>();
            try {
                for (int w = 0; w < workers; w++) {
                    futures.add(pool.submit(() -> {
                        try (Worker worker = new Worker(base, settings)) {
                            for (int k = next.getAndIncrement(); k < indexes.size(); k = next.getAndIncrement()) {
                                int i = indexes.get(k);
                                if (stop.get()) {
                                    notStarted(i, wave);
                                    continue;
                                }
                                running.incrementAndGet();
                                try {
                                    results[i] = runTarget(worker, targets.get(i), wave);
                                } finally {
                                    running.decrementAndGet();
                                }
                                if (results[i].state() == TargetState.FAILED) {
                                    failed.incrementAndGet();
                                    listener.onEvent(ShaleEvent.warn(results[i].name() + " failed: " + oneLine(results[i].error())));
                                    if (settings.raw().onError() != ShaleSettings.OnError.CONTINUE) {
                                        stop.set(true);
                                    }
                                } else {
                                    done.incrementAndGet();
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.set(true);
                throw new EnvironmentException("Interrupted while the fleet ran; each target's running migration finishes"
                        + " or rolls back on its own.", "run the goal again: it continues where each target stands", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                ticker.shutdownNow();
                pool.shutdown();
            }
            progress(last, true);
            boolean failedHere = indexes.stream().anyMatch(i -> results[i] != null && results[i].state() == TargetState.FAILED);
            // db.onError=fail stops at the first failure; a failed canary stops the later wave whatever db.onError says.
            return !stop.get() && !(failedHere && wave < waves);
        }

        /** {@code [412/1000] tenants migrated, 3 failed, 2 running}, when it changed (always at a wave's end). */
        private synchronized void progress(String[] last, boolean force) {
            String line = "[" + done.get() + "/" + targets.size() + "] " + noun + " " + pastTense() + ", " + failed.get()
                    + " failed, " + running.get() + " running";
            if (force || !line.equals(last[0])) {
                last[0] = line;
                listener.onEvent(ShaleEvent.info(line));
            }
        }

        private String pastTense() {
            return switch (verb) {
                case MIGRATE -> settings.dryRun() ? "planned" : "migrated";
                case ROLLBACK -> settings.dryRun() ? "planned" : "rolled back";
                case STATUS -> "read";
                case CHECK -> "checked";
            };
        }

        /** The shutdown hook's line: what finished stays; what was running is rolled back by the server per migration. */
        void interrupted() {
            stop.set(true);
            listener.onEvent(ShaleEvent.warn("Interrupted: " + done.get() + " of " + targets.size() + " " + noun + " done, "
                    + failed.get() + " failed, " + running.get() + " running. Each running migration is rolled back by the"
                    + " server as the connection ends (one outside a transaction resumes at its next statement), and the"
                    + " locks go with the sessions. Run the goal again: it continues where each target stands."));
        }

        void notStarted(int i, int wave) {
            FleetTarget t = targets.get(i);
            results[i] = new Target(t.name(), address(t), t.schema(), t.group(), wave, TargetState.NOT_STARTED, List.of(),
                    null, List.of(), null, Duration.ZERO);
        }

        private Target runTarget(Worker worker, FleetTarget t, int wave) {
            long start = System.nanoTime();
            ShaleListener prefixed = listenerFor(t);
            try {
                RunSettings ts = settingsFor(t);
                Connection c = worker.connection(t, ts, prefixed);
                Outcome o = switch (verb) {
                    case MIGRATE -> migrate(ts, worker, c, t);
                    case STATUS -> status(ts, c);
                    case CHECK -> check(ts, c, t);
                    case ROLLBACK -> rollback(ts, worker, c, t);
                };
                return new Target(t.name(), address(t), t.schema(), t.group(), wave, o.state, o.tags, o.current, o.problems,
                        null, Migrator.elapsed(start));
            } catch (ShaleException e) {
                worker.afterFailure(prefixed);
                String error = e.getMessage() + (e.fix() == null ? "" : System.lineSeparator() + "  Fix: " + e.fix());
                return new Target(t.name(), address(t), t.schema(), t.group(), wave, TargetState.FAILED, List.of(), null,
                        List.of(), error, Migrator.elapsed(start));
            } catch (SQLException e) {
                worker.afterFailure(prefixed);
                return new Target(t.name(), address(t), t.schema(), t.group(), wave, TargetState.FAILED, List.of(), null,
                        List.of(), "Reading its tracking table failed: " + e.getMessage() + " (SQLSTATE " + e.getSQLState()
                        + ")", Migrator.elapsed(start));
            }
        }

        /** The settings of one target: its URL, or its schema as the tracking table's (and so the lock key's). */
        private RunSettings settingsFor(FleetTarget t) throws ConfigurationException {
            ShaleSettings.Builder b = settings.raw().toBuilder().targets(null).canary(null).report(null);
            if (t.url() != null) {
                b.url(t.url()).origin("db.url", t.origin() + " of " + FleetTargets.PROPERTY);
            }
            if (t.schema() != null) {
                // Its own tracking table and lock key; its schema is the one checked for invalid indexes.
                b.trackingSchema(t.schema()).schemas(List.of(t.schema()));
            }
            return RunSettings.of(b.build());
        }

        private Outcome migrate(RunSettings ts, Worker worker, Connection c, FleetTarget t) throws ShaleException, SQLException {
            TrackingTable tracking = new TrackingTable(ts.trackingSchema(), ts.trackingTable());
            MigrationPlan plan = MigrationPlan.of(directory.migrations(), tracking.rowsInOneTrip(c));
            if (plan.unapplied().isEmpty() && plan.missing().isEmpty() && plan.withState(State.MODIFIED).isEmpty()
                    && ts.raw().baseline() == null) {
                return new Outcome(TargetState.UP_TO_DATE, List.of(), plan.current(), List.of());
            }
            if (t.schemaTarget()) {
                for (MigrationPlan.Entry e : plan.unapplied()) {
                    refuseQualifiedNames(e.migration(), t);
                }
            }
            searchPath(c, t);
            MigrateResult r = new Migrator(listenerFor(t)).migrate(ts, directory, worker.proven(ts, listenerFor(t)), c);
            List<String> tags = r.applied().stream().map(MigrateResult.AppliedMigration::tag).toList();
            TargetState state = tags.isEmpty() && r.baselined().isEmpty() ? TargetState.UP_TO_DATE
                    : r.dryRun() ? TargetState.BEHIND : TargetState.CHANGED;
            return new Outcome(state, tags, r.current(), List.of());
        }

        private Outcome rollback(RunSettings ts, Worker worker, Connection c, FleetTarget t) throws ShaleException {
            searchPath(c, t);
            RollbackResult r = new Rollbacker(listenerFor(t)).rollback(ts, directory, worker.proven(ts, listenerFor(t)), c);
            List<String> tags = r.rolledBack().stream().map(RollbackResult.RolledBack::tag).toList();
            return new Outcome(tags.isEmpty() ? TargetState.UP_TO_DATE : r.dryRun() ? TargetState.BEHIND : TargetState.CHANGED,
                    tags, r.current(), List.of());
        }

        /**
         * A tenant's migrations must leave the schema to its search_path: one that names a managed schema
         * ({@code public.orders}, as db:generate writes) would change that schema, not the tenant's. Refused before
         * anything of it runs.
         */
        private void refuseQualifiedNames(io.github.shaledb.engine.migrations.Migration m, FleetTarget t)
                throws MigrationFileException {
            String found = qualified.computeIfAbsent(m.tag(), tag -> TenantNames.firstQualified(m.sql(), settings.schemas()));
            if (!found.isEmpty()) {
                throw new MigrationFileException(m.file(), m.tag() + " names the schema of its objects (" + found + "), so on"
                        + " the tenant schema " + t.schema() + " it would change that schema instead of " + t.schema()
                        + ". Nothing of it ran on " + t.schema() + ".", "write the migration's names without their schema"
                        + " (orders, not public.orders): each tenant's search_path starts with its own schema. db:generate"
                        + " writes qualified names, so its migrations suit fleets of databases, not of tenant schemas");
            }
        }

        /** The target's migrations by state, counted per migration: one round trip, no lock. */
        private Outcome status(RunSettings ts, Connection c) throws SQLException {
            TrackingTable tracking = new TrackingTable(ts.trackingSchema(), ts.trackingTable());
            List<AppliedRow> rows = tracking.rowsInOneTrip(c);
            MigrationPlan plan = MigrationPlan.of(directory.migrations(), rows);
            List<String> pending = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            synchronized (counts) {
                for (MigrationPlan.Entry e : plan.entries()) {
                    counts.get(e.migration().tag()).merge(e.state(), 1, Integer::sum);
                    switch (e.state()) {
                        case PENDING -> pending.add(e.migration().tag());
                        case MODIFIED -> problems.add(e.migration().tag() + " was modified after it was applied (hash "
                                + e.row().hash() + " recorded, " + e.migration().hash() + " on disk)");
                        case OUT_OF_ORDER -> {
                            pending.add(e.migration().tag());
                            problems.add(e.migration().tag() + " is pending out of order (later ones are applied)");
                        }
                        default -> {
                        }
                    }
                }
                for (AppliedRow row : plan.missing()) {
                    String tag = row.name() == null ? "#" + row.id() : row.name();
                    counts.computeIfAbsent(tag, k -> new EnumMap<>(State.class)).merge(State.MISSING, 1, Integer::sum);
                    problems.add(tag + " is applied but not in the migrations folder");
                }
            }
            TargetState state = !problems.isEmpty() ? TargetState.DIVERGED : !pending.isEmpty() ? TargetState.BEHIND
                    : TargetState.UP_TO_DATE;
            return new Outcome(state, pending, plan.current(), problems);
        }

        /** status, then the target's drift: modified migrations, INVALID indexes, and a database's schema against its snapshot. */
        private Outcome check(RunSettings ts, Connection c, FleetTarget t) throws ShaleException, SQLException {
            Outcome history = status(ts, c);
            String where = t.name() + " (" + address(t) + (t.schema() == null ? "" : ", schema " + t.schema()) + ")";
            List<String> problems = new ArrayList<>(history.problems);
            for (String p : checker.drift(ts, directory, snapshots(), null, c, where, t.schema() == null)) {
                if (!problems.contains(p) && !p.contains(" was changed after it was applied")) {
                    problems.add(p);
                }
            }
            return new Outcome(problems.isEmpty() ? history.state : TargetState.DIVERGED, history.tags, history.current, problems);
        }

        private synchronized Map<String, io.github.shaledb.engine.schema.SchemaSnapshot> snapshots() {
            if (snapshots == null) {
                snapshots = checker.snapshots(directory);
                if (targets.stream().anyMatch(FleetTarget::schemaTarget)) {
                    listener.onEvent(ShaleEvent.warn("The schema of a tenant schema is not compared with the snapshots"
                            + " (they describe the schema files' own schemas, " + String.join(", ", settings.schemas())
                            + "): for tenants, db:check compares the history with the folder and looks for INVALID"
                            + " indexes; a database target's schema is compared."));
                }
            }
            return snapshots;
        }

        private ShaleListener listenerFor(FleetTarget t) {
            return event -> listener.onEvent(new ShaleEvent(
                    event.level() == ShaleEvent.Level.INFO ? ShaleEvent.Level.DEBUG : event.level(),
                    "[" + t.name() + "] " + event.message()));
        }

        /** A tenant's migrations find and create their objects in its schema first, then in public (extensions). */
        private void searchPath(Connection c, FleetTarget t) throws ShaleException {
            if (t.schema() == null) {
                return;
            }
            try (Statement st = c.createStatement()) {
                st.execute("set search_path to " + io.github.shaledb.engine.tracking.Identifiers.quote(t.schema()) + ", public");
            } catch (SQLException e) {
                throw new EnvironmentException("Could not set the search_path to the schema " + t.schema() + ": "
                        + e.getMessage(), null, e);
            }
        }

        private String address(FleetTarget t) {
            if (t.url() != null) {
                String address = FleetTargets.address(t.url());
                return address == null ? io.github.shaledb.engine.api.Passwords.mask(t.url()) : address;
            }
            try {
                return base.session().connectedTarget().address();
            } catch (ShaleException e) {
                return "db.url";
            }
        }

        List<Target> results() {
            return Arrays.asList(results);
        }

        List<MigrationCount> migrationCounts() {
            if (verb != Verb.STATUS && verb != Verb.CHECK) {
                return List.of();
            }
            List<MigrationCount> list = new ArrayList<>();
            counts.forEach((tag, states) -> list.add(new MigrationCount(tag, states)));
            return list;
        }
    }

    private record Outcome(TargetState state, List<String> tags, String current, List<String> problems) {
    }

    /**
     * A worker's one connection: kept while its targets are schemas of the same database (or the same URL), replaced
     * when the next target is elsewhere, dropped after a failure that may have left it unusable.
     */
    private static final class Worker implements AutoCloseable {
        private final Base base;
        private final RunSettings settings;
        private DatabaseSession session;
        private String key;
        private AdvisoryLock.ProvenSession proven;

        Worker(Base base, RunSettings settings) {
            this.base = base;
            this.settings = settings;
        }

        Connection connection(FleetTarget t, RunSettings ts, ShaleListener listener) throws ShaleException {
            String wanted = t.url() == null ? "" : t.url();
            if (session != null && wanted.equals(key)) {
                return session.connection();
            }
            close();
            session = DatabaseSession.open(t.url() == null ? base.session().connectedTarget()
                    : io.github.shaledb.engine.connect.DatabaseTarget.resolve(ts.raw()), t.url() == null ? settings : ts, listener, false);
            key = wanted;
            return session.connection();
        }

        /**
         * The proof that the connection keeps its server session, made at its first lock (with a second connection);
         * the session's settings (timeouts, the dead-client check) are applied then, before anything runs.
         */
        AdvisoryLock.ProvenSession proven(RunSettings ts, ShaleListener listener) throws ShaleException {
            session.configure();
            Connection c = session.connection();
            if (proven == null || !proven.of(c)) {
                proven = AdvisoryLock.prove(c, () -> DatabaseSession.openProbe(ts, c), listener);
            }
            return proven;
        }

        /** After a failed target: its transaction ended and its locks freed, or the connection given up. */
        void afterFailure(ShaleListener listener) {
            if (session == null) {
                return;
            }
            Connection c = session.connection();
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                try (Statement st = c.createStatement()) {
                    st.execute("select pg_advisory_unlock_all()");
                }
            } catch (SQLException e) {
                listener.onEvent(ShaleEvent.debug("Dropping the connection after a failure: " + e.getMessage()));
                close();
            }
        }

        @Override
        public void close() {
            if (session != null) {
                session.close();
                session = null;
                key = null;
                proven = null;
            }
        }
    }

    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String first = message.lines().findFirst().orElse("");
        return first.length() > 300 ? first.substring(0, 297) + "..." : first;
    }
}
