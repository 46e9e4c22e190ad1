CREATE SEQUENCE public.reviews_id_seq AS integer INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1 NO CYCLE;
--> statement-breakpoint
CREATE TABLE public.reviews (
    id integer DEFAULT nextval('public.reviews_id_seq'::regclass) NOT NULL,
    product_id integer NOT NULL,
    stars integer NOT NULL
);
--> statement-breakpoint
ALTER SEQUENCE public.reviews_id_seq OWNED BY public.reviews.id;
--> statement-breakpoint
ALTER TABLE public.reviews ADD CONSTRAINT reviews_pkey PRIMARY KEY (id);
--> statement-breakpoint
-- db:lint-ignore foreign-key-without-index db:generate: the schema files ask for this; review it before merging
ALTER TABLE public.reviews ADD CONSTRAINT reviews_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id);
