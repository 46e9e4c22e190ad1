CREATE TABLE public.notes (
    id bigint GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME public.notes_id_seq INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE) NOT NULL,
    title text NOT NULL,
    body text DEFAULT ''::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE public.notes ADD CONSTRAINT notes_pkey PRIMARY KEY (id);
--> statement-breakpoint
ALTER TABLE public.notes ADD CONSTRAINT notes_title_check CHECK (length(title) >= 1 AND length(title) <= 200);
--> statement-breakpoint
CREATE INDEX notes_created_at_idx ON public.notes USING btree (created_at DESC);
