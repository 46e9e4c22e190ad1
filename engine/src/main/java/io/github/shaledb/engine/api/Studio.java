package io.github.shaledb.engine.api;

/**
 * An open {@code db:studio}: the queries its pages need, as plain Java, over connections to one database that
 * stay open until {@link #close()} (an embedded server started for it stops then). Obtained from
 * {@link io.github.shaledb.engine.Shale#studio(ShaleSettings, Access)}; safe to call from several threads at once
 * (each call borrows its own connection).
 *
 * <p>Everything runs in a read-only transaction with a statement timeout unless the studio was opened
 * {@link Access#READ_WRITE}: then {@link #edit} applies row changes and {@link #query} may write.
 */
public interface Studio extends AutoCloseable {

    /** Whether the studio may change the database. */
    enum Access {
        /** Every statement in a read-only transaction; {@link #edit} only previews. */
        READ_ONLY,
        /** Row edits and writing queries are applied, each in a transaction. */
        READ_WRITE
    }

    /** @return how the studio was opened */
    Access access();

    /** @return the database, its server and version as one line, without a password: "orders on 127.0.0.1:5432 …" */
    String description();

    /**
     * @return every object the engine models in the managed schemas ({@code db.schemas}), tables with their columns,
     * constraints, indexes, sizes and estimated rows
     * @throws ShaleException the catalog could not be read
     */
    StudioSchema schema() throws ShaleException;

    /**
     * @param query the table or view, page, order and filters
     * @return one page of rows as text
     * @throws StudioRequestException the table, a column or a filter value is wrong, or the query failed
     * @throws ShaleException         the server could not be reached
     */
    StudioRows rows(StudioRows.Query query) throws ShaleException;

    /**
     * @return the {@code db:status} table, each migration's SQL and down script, and who holds or waits for the lock
     * @throws ShaleException the migrations folder or the tracking table could not be read
     */
    StudioMigrations migrations() throws ShaleException;

    /**
     * @return what {@code db:push} and {@code db:generate} would do now, statement by statement with hazards; or why
     * that cannot be said (no schema files)
     * @throws ShaleException the schema files could not be applied to the shadow database
     */
    StudioNextChange nextChange() throws ShaleException;

    /**
     * Runs one statement: in a read-only transaction that is rolled back, with a statement timeout, unless the studio
     * is {@link Access#READ_WRITE} (then in a transaction that is committed).
     *
     * @param sql exactly one statement
     * @return its rows (at most {@link StudioQueryResult#MAX_ROWS}) or its update count
     * @throws StudioRequestException the statement failed, was not exactly one, or controls the transaction
     * @throws ShaleException         the server could not be reached
     */
    StudioQueryResult query(String sql) throws ShaleException;

    /**
     * Renders a row change as the SQL it runs and, when {@code apply} is true in a {@link Access#READ_WRITE} studio,
     * runs exactly that SQL in a transaction that commits only if it touched one row.
     *
     * @param request the insert, update or delete
     * @param apply   false to only preview the SQL
     * @return the SQL, and whether and on how many rows it was applied
     * @throws StudioRequestException the studio is read-only and {@code apply} was asked, the table has no key, a
     *                                column is unknown, or the statement failed (nothing is changed then)
     * @throws ShaleException         the server could not be reached
     */
    StudioEdit edit(StudioEdit.Request request, boolean apply) throws ShaleException;

    /** Closes the connections and stops a server started for the studio. */
    @Override
    void close();
}
