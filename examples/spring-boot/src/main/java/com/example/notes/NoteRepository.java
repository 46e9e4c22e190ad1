package com.example.notes;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain SQL against the table Shale's migrations create; no ORM, no schema generation at start-up. */
@Repository
public class NoteRepository {
    private final JdbcClient jdbc;

    public NoteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Note add(NewNote note) {
        return jdbc.sql("insert into notes (title, body) values (:title, :body) returning id, title, body, pinned, created_at")
                .param("title", note.title())
                .param("body", note.body())
                .query(Note.class)
                .single();
    }

    public Optional<Note> find(long id) {
        return jdbc.sql("select id, title, body, pinned, created_at from notes where id = :id")
                .param("id", id)
                .query(Note.class)
                .optional();
    }

    public List<Note> latest(int limit) {
        return jdbc.sql("select id, title, body, pinned, created_at from notes order by pinned desc, created_at desc, id desc limit :limit")
                .param("limit", limit)
                .query(Note.class)
                .list();
    }
}
