package com.example.notes;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Failsafe runs this after db:start and db:migrate: spring.datasource.* point at the build's PostgreSQL
 * (see the pom), whose tables are the ones the migrations created.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotesApiIT {
    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    @Test
    void storesANoteAndReadsItBack() {
        ResponseEntity<Note> created = http.postForEntity("/notes", new NewNote(" first note ", "hello"), Note.class);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Note stored = http.getForObject(created.getHeaders().getLocation(), Note.class);
        assertThat(stored.title()).isEqualTo("first note");
        assertThat(stored.body()).isEqualTo("hello");
        assertThat(stored.pinned()).isFalse();
        assertThat(stored.createdAt()).isNotNull();
    }

    @Test
    void theMigratedCheckConstraintGuardsTheTable() {
        // Past the controller's validation: only the check constraint from the migration stops an empty title.
        assertThatThrownBy(() -> jdbc.sql("insert into notes (title) values ('')").update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("notes_title_check");
        assertThat(jdbc.sql("select count(*) from drizzle.__drizzle_migrations").query(Integer.class).single())
                .isPositive();
    }

    @Test
    void aBlankTitleIsABadRequest() {
        ResponseEntity<String> response = http.postForEntity("/notes", new NewNote(" ", "x"), String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).isEqualTo("title must have 1 to 200 characters");
    }
}
