CREATE TABLE public.note_tags (
    note_id bigint NOT NULL,
    tag text NOT NULL
);
--> statement-breakpoint
ALTER TABLE public.note_tags ADD CONSTRAINT note_tags_pkey PRIMARY KEY (note_id, tag);
--> statement-breakpoint
ALTER TABLE public.note_tags ADD CONSTRAINT note_tags_note_id_fkey FOREIGN KEY (note_id) REFERENCES public.notes(id) ON DELETE CASCADE;
