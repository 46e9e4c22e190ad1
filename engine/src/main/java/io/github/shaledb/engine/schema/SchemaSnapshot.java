package io.github.shaledb.engine.schema;

import java.util.Objects;

/**
 * A {@link SchemaModel} as stored in a migration's {@code snapshot.json}, linked to the snapshot
 * before it. {@code id} is a content hash (see {@link SnapshotJson#contentId}), so the same schema
 * after the same predecessor always gets the same id and the file is byte-for-byte reproducible.
 *
 * @param prevId          the previous snapshot's id, or null for the first snapshot of a chain
 * @param version         the format version the file was written in ({@link SnapshotJson#VERSION} for new ones)
 * @param postgresVersion the PostgreSQL major version the migration was generated for (a header value since
 *                        format 2), or null when the file does not say
 */
public record SchemaSnapshot(String id, String prevId, SchemaModel model, int version, Integer postgresVersion) {
    public SchemaSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
    }

    /** A snapshot of the given format version that records no server version. */
    public SchemaSnapshot(String id, String prevId, SchemaModel model, int version) {
        this(id, prevId, model, version, null);
    }

    /** A snapshot of the current format version that records no server version. */
    public SchemaSnapshot(String id, String prevId, SchemaModel model) {
        this(id, prevId, model, SnapshotJson.VERSION, null);
    }

    /** The snapshot of {@code model} following {@code prevId} (null for the first), with its content id. */
    public static SchemaSnapshot of(SchemaModel model, String prevId) {
        return of(model, prevId, null);
    }

    /** As {@link #of(SchemaModel, String)}, recording the PostgreSQL major version it was generated for (null: none). */
    public static SchemaSnapshot of(SchemaModel model, String prevId, Integer postgresVersion) {
        return new SchemaSnapshot(SnapshotJson.contentId(model, prevId, SnapshotJson.VERSION, postgresVersion), prevId,
                model, SnapshotJson.VERSION, postgresVersion);
    }

    /** False when the file was edited by hand after it was written (its id no longer matches its content). */
    public boolean idMatchesContent() {
        return id.equals(SnapshotJson.contentId(model, prevId, version, postgresVersion));
    }
}
