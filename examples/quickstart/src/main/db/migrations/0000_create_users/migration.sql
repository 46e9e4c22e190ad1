CREATE TABLE public.users (
    id bigint GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME public.users_id_seq INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE) NOT NULL,
    email text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE public.users ADD CONSTRAINT users_email_key UNIQUE (email);
--> statement-breakpoint
ALTER TABLE public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
