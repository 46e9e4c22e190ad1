package io.github.shaledb.engine;

import io.github.shaledb.engine.api.CheckResult;
import io.github.shaledb.engine.api.Confirmation;
import io.github.shaledb.engine.api.FleetResult;
import io.github.shaledb.engine.api.GenerateResult;
import io.github.shaledb.engine.api.LintResult;
import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.api.PushResult;
import io.github.shaledb.engine.api.RepairResult;
import io.github.shaledb.engine.api.RollbackResult;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.StartRequest;
import io.github.shaledb.engine.api.StartResult;
import io.github.shaledb.engine.api.StatusResult;
import io.github.shaledb.engine.api.Studio;
import io.github.shaledb.engine.api.StopResult;
import io.github.shaledb.engine.api.UnlockResult;
import io.github.shaledb.engine.run.Checker;
import io.github.shaledb.engine.run.FleetRunner;
import io.github.shaledb.engine.run.Generator;
import io.github.shaledb.engine.run.Linter;
import io.github.shaledb.engine.run.Migrator;
import io.github.shaledb.engine.run.Pusher;
import io.github.shaledb.engine.run.Repairer;
import io.github.shaledb.engine.run.Rollbacker;
import io.github.shaledb.engine.run.RunSettings;
import io.github.shaledb.engine.run.ServerStarter;
import io.github.shaledb.engine.run.StatusReader;
import io.github.shaledb.engine.run.Unlocker;
import io.github.shaledb.engine.studio.StudioSession;

/**
 * The engine's entry point for a library user and for the Maven plugin alike: one method per verb. Each takes the
 * {@link ShaleSettings}, reports progress to the {@link ShaleListener} given at construction and returns a result
 * record, or throws a {@link ShaleException}.
 *
 * <pre>{@code
 * MigrateResult result = new Shale(event -> System.out.println(event.message()))
 *         .migrate(ShaleSettings.builder()
 *                 .url("jdbc:postgresql://localhost:5432/app")
 *                 .user("app").password(secret)
 *                 .migrationsDirectory(Path.of("db/migrations"))
 *                 .build());
 * }</pre>
 *
 * <p><strong>Thread safety.</strong> A {@code Shale} holds nothing but its listener and is safe to share: verbs may
 * run concurrently from several threads (as they do in a parallel Maven build), each with its own connection. Runs
 * against the same database serialise on the advisory lock. The listener may be called from a thread other than
 * the caller's (connecting happens in the background), and from several at once when verbs run concurrently, so it
 * must be thread-safe.
 *
 * <p><strong>Errors.</strong> Every verb throws a subclass of {@link ShaleException}:
 * {@link io.github.shaledb.engine.api.ConfigurationException} (a setting is wrong; names the {@code db.*} property),
 * {@link io.github.shaledb.engine.api.MigrationFileException} (the migrations folder is inconsistent; names the file),
 * {@link io.github.shaledb.engine.api.MigrationSqlException} (a statement failed; file, line, SQLSTATE),
 * {@link io.github.shaledb.engine.api.LockTimeoutException} (another run held the lock too long),
 * {@link io.github.shaledb.engine.api.TrackingTableException}, {@link io.github.shaledb.engine.api.DataLossException},
 * {@link io.github.shaledb.engine.api.GeneratedMigrationException} (user errors, {@link ShaleException#isUserError()}
 * true) or {@link io.github.shaledb.engine.api.EnvironmentException} (server unreachable, binaries missing, disk
 * errors). Runtime exceptions other than these are bugs. Passwords never appear in messages or events.
 *
 * <p><strong>Nullability.</strong> Settings are never null; a null listener or confirmation means "none". Results
 * are never null.
 *
 * <p>This class and {@link io.github.shaledb.engine.api} are the API; see {@code package-info} for the stability
 * promise.
 */
public final class Shale {
    private final ShaleListener listener;

    /** An engine that drops its events ({@link ShaleListener#NONE}). */
    public Shale() {
        this(ShaleListener.NONE);
    }

    /**
     * An engine that reports its progress to {@code listener}.
     *
     * @param listener receives every event of every verb; must be thread-safe (see the class comment); null drops them
     */
    public Shale(ShaleListener listener) {
        this.listener = listener == null ? ShaleListener.NONE : listener;
    }

    /**
     * Applies pending migrations in journal order under the advisory lock ({@code db:migrate}). A migration already
     * applied is skipped; a run with nothing pending changes nothing, so calling it at every start-up is safe. Waits
     * for the lock while another run holds it, up to {@link ShaleSettings#lockTimeout()}.
     *
     * @param settings     what to run against and how; not null (see {@link ShaleSettings})
     *         applied tag afterwards
     * @return the migrations applied (or, with {@link ShaleSettings#dryRun()}, those that would be) and the latest
     * @throws io.github.shaledb.engine.api.MigrationSqlException   a statement failed; its migration was rolled back
     *                                                             (or, outside a transaction, names what already ran)
     * @throws io.github.shaledb.engine.api.MigrationFileException  the folder is inconsistent, an applied migration
     *                                                             was modified, or a pending one is out of order
     * @throws io.github.shaledb.engine.api.LockTimeoutException    the lock stayed busy for longer than the timeout
     * @throws io.github.shaledb.engine.api.ConfigurationException  a setting is missing or wrong (no URL, bad value)
     * @throws io.github.shaledb.engine.api.EnvironmentException    the server cannot be reached after the retries
     * @throws ShaleException                                       any other failure of the family
     */
    public MigrateResult migrate(ShaleSettings settings) throws ShaleException {
        return new Migrator(listener).migrate(RunSettings.of(settings));
    }

    /**
     * Runs the down scripts of the newest applied migrations ({@link ShaleSettings#count()}, default 1, or down to
     * {@link ShaleSettings#to()}) under the advisory lock, newest first, each in its own transaction with removal of
     * its tracking row ({@code db:rollback}). A missing or empty down script stops before anything runs.
     *
     * @param settings     what to run against and how; not null (see {@link ShaleSettings})
     * @return the migrations rolled back, newest first, and the latest applied tag afterwards
     * @throws ShaleException as {@link #migrate}; a {@link io.github.shaledb.engine.api.MigrationFileException} for a
     *                        missing down script
     */
    public RollbackResult rollback(ShaleSettings settings) throws ShaleException {
        return new Rollbacker(listener).rollback(RunSettings.of(settings));
    }

    /**
     * Accepts intended edits of applied migrations (re-records their hash; statement changes need db.force), removes
     * the tracking rows db.forget names of migrations no longer on disk and the later copies of one recorded twice;
     * one transaction under the advisory lock, and nothing outside the tracking table changes ({@code db:repair}).
     *
     * @param settings     what to run against and how; not null (see {@link ShaleSettings})
     * @return the tracking rows re-recorded, forgotten and de-duplicated
     * @throws ShaleException a {@link io.github.shaledb.engine.api.MigrationFileException} when statements changed
     *                        without {@code force}, a {@link io.github.shaledb.engine.api.ConfigurationException} when
     *                        {@code forget} names a migration still on disk, or as {@link #migrate}
     */
    public RepairResult repair(ShaleSettings settings) throws ShaleException {
        return new Repairer(listener).repair(RunSettings.of(settings));
    }

    /**
     * Reads the state of every migration: applied, pending, modified, out of order, missing ({@code db:status}).
     * Takes no lock and changes nothing.
     *
     * @param settings     what to run against and how; not null (see {@link ShaleSettings})
     * @return every migration with its state, and the INVALID indexes of the managed schemas
     * @throws ShaleException the folder cannot be read, or the database cannot be reached
     */
    public StatusResult status(ShaleSettings settings) throws ShaleException {
        return new StatusReader(listener).status(RunSettings.of(settings));
    }

    /**
     * Reports sessions holding or waiting for the migration lock; ends live holders when {@link ShaleSettings#force()}
     * is set or {@code confirmation} says yes ({@code db:unlock}).
     *
     * @param settings     what to run against and how; not null (see {@link ShaleSettings})
     * @param confirmation asked before a holder is terminated; null never terminates without {@code force}
     * @return the sessions holding or waiting for the lock, and those terminated
     * @throws ShaleException the database cannot be reached, or terminating is not permitted
     */
    public UnlockResult unlock(ShaleSettings settings, Confirmation confirmation) throws ShaleException {
        return new Unlocker(listener).unlock(RunSettings.of(settings), confirmation == null ? Confirmation.NEVER : confirmation);
    }

    /**
     * Writes the next migration folder from the difference between the schema files and the last snapshot
     * ({@code db:generate}). Starts a scratch PostgreSQL (the embedded server unless {@link ShaleSettings#shadowUrl()}
     * is set), so the embedded server's binaries must be reachable (see {@link ShaleSettings#postgresBinaries()}).
     *
     * @param settings     what to run against and how; not null (see {@link ShaleSettings})
     * @param confirmation asks about rename candidates at the terminal; null (or {@link Confirmation#NEVER})
     *                     in batch mode, where only {@code db.renames} hints or {@code db.force} decide them
     * @return the folders written; empty when nothing changed
     * @throws io.github.shaledb.engine.api.GeneratedMigrationException the generated migration failed its replay;
     *                                                                  nothing was written
     * @throws ShaleException a schema file fails, a rename is undecided, or the scratch server cannot start
     */
    public GenerateResult generate(ShaleSettings settings, Confirmation confirmation) throws ShaleException {
        return new Generator(listener).generate(RunSettings.of(settings), interactive(confirmation));
    }

    /**
     * Makes the database match the schema files without a migration ({@code db:push}, for local development).
     *
     * @param settings     what to run against and how; not null (see {@link ShaleSettings})
     * @param confirmation asked before statements that lose data and about rename candidates; null in batch mode
     * @return the plan and whether it was applied
     * @throws io.github.shaledb.engine.api.DataLossException data would be lost and neither confirmed nor forced;
     *                                                        nothing was applied
     * @throws ShaleException as {@link #generate} and {@link #migrate}
     */
    public PushResult push(ShaleSettings settings, Confirmation confirmation) throws ShaleException {
        return new Pusher(listener).push(RunSettings.of(settings), interactive(confirmation));
    }

    /**
     * Checks the migrations folder, its snapshots and the schema files, replays the migrations on a scratch database
     * and, with a database URL, reports drift ({@code db:check}). Changes nothing; problems are returned, not thrown.
     *
     * @param settings     what to run against and how; not null (see {@link ShaleSettings})
     * @return one line per problem; empty when everything agrees
     * @throws ShaleException only when the check itself cannot run (no scratch server, unreadable folder)
     */
    public CheckResult check(ShaleSettings settings) throws ShaleException {
        return new Checker(listener).check(RunSettings.of(settings));
    }

    /**
     * Judges migrations by the locks they take and the clients they break ({@code db:lint}): those not applied to
     * {@link ShaleSettings#url()} when it is set, else those after {@link ShaleSettings#lintSince()}, else all of them.
     * Runs them on a scratch database to read the locks they really take when {@link ShaleSettings#lintTrace()} allows.
     * Changes nothing in the target database; findings are returned, not thrown.
     *
     * @param settings what to lint and how; not null (see {@link ShaleSettings})
     * @return every finding (suppressed ones marked), the traces, and whether the run passes
     * @throws ShaleException the folder cannot be read, a {@code -- db:lint-ignore} line is malformed, a setting is
     *                        wrong, or the database or scratch server cannot be reached
     */
    public LintResult lint(ShaleSettings settings) throws ShaleException {
        return new Linter(listener).lint(RunSettings.of(settings));
    }

    /**
     * Runs {@code verb} over the fleet {@link ShaleSettings#targets()} names: each database or tenant schema with its
     * own tracking table, lock and history, {@link ShaleSettings#parallel()} at a time, the canary wave
     * ({@link ShaleSettings#canary()}) first and alone. A target with nothing to do is known from one query, before any
     * lock. A failed target does not throw: it is in the result with its error, and with
     * {@link ShaleSettings#onError()} {@code FAIL} (the default) no further target starts. Writes
     * {@link ShaleSettings#report()} when set.
     *
     * @param verb     migrate, status, rollback or check
     * @param settings what to run and how; {@link ShaleSettings#targets()} must be set
     * @return every target's outcome, in the order the targets were given
     * @throws io.github.shaledb.engine.api.ConfigurationException {@code db.targets}, its file or query, {@code db.parallel}
     *                                                             or {@code db.canary} is wrong; nothing ran
     * @throws ShaleException the migrations folder cannot be read, or {@code db.url} (for a query or schema targets)
     *                        cannot be reached
     */
    public FleetResult fleet(FleetResult.Verb verb, ShaleSettings settings) throws ShaleException {
        return new FleetRunner(listener).run(verb, RunSettings.of(settings));
    }

    /**
     * Starts a PostgreSQL for the build (or joins the one already running on the same data directory) and creates a
     * fresh database on it; it runs until {@link #stopServer} or the JVM's end. A server left running by a killed
     * build on the same data directory is stopped first.
     */
    public StartResult startServer(ShaleSettings settings, StartRequest request) throws ShaleException {
        return new ServerStarter(listener).start(RunSettings.of(settings), request);
    }

    /** Stops the server {@link #startServer} started with the same request, once every module that started it is done. */
    public StopResult stopServer(ShaleSettings settings, StartRequest request) throws ShaleException {
        return new ServerStarter(listener).stop(RunSettings.of(settings), request);
    }

    private static Confirmation interactive(Confirmation confirmation) {
        return confirmation == Confirmation.NEVER ? null : confirmation;
    }

    /**
     * Opens {@code db:studio}'s view of the database: the queries its pages need. Connects (starting the embedded
     * server of {@code db.url=embedded}) and keeps the connection until the studio is closed.
     *
     * @param settings what to connect to; the managed schemas, migrations and schema files as for the other verbs
     * @param access   read-only (the default for null) or read-write
     * @return the open studio; close it
     * @throws ShaleException as {@link #migrate}: the settings are wrong or the server cannot be reached
     */
    public Studio studio(ShaleSettings settings, Studio.Access access) throws ShaleException {
        return StudioSession.open(settings, listener, access);
    }
}
