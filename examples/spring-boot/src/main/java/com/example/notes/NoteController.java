package com.example.notes;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/notes")
public class NoteController {
    private final NoteRepository notes;

    public NoteController(NoteRepository notes) {
        this.notes = notes;
    }

    @GetMapping
    public List<Note> latest() {
        return notes.latest(50);
    }

    @GetMapping("/{id}")
    public ResponseEntity<Note> one(@PathVariable long id) {
        return ResponseEntity.of(notes.find(id));
    }

    @PostMapping
    public ResponseEntity<Note> add(@RequestBody NewNote note) {
        Note saved = notes.add(note.normalized());
        return ResponseEntity.created(URI.create("/notes/" + saved.id())).body(saved);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<String> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(e.getMessage());
    }
}
