CREATE TABLE public.orders (
    id bigint GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME public.orders_id_seq INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE) NOT NULL,
    user_id bigint NOT NULL,
    total numeric(10,2) NOT NULL
);
--> statement-breakpoint
ALTER TABLE public.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
--> statement-breakpoint
CREATE INDEX orders_user_id_idx ON public.orders USING btree (user_id);
--> statement-breakpoint
ALTER TABLE public.orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);
