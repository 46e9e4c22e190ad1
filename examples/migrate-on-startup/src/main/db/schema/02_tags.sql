-- Added in the second release: tags on notes.
CREATE TABLE note_tags (
    note_id bigint NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    tag     text   NOT NULL,
    PRIMARY KEY (note_id, tag)
);
