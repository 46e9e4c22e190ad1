CREATE TABLE public.notes (
    id bigint GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME public.notes_id_seq INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE) NOT NULL,
    body text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE public.notes ADD CONSTRAINT notes_pkey PRIMARY KEY (id);
