CREATE TYPE public.order_status AS ENUM ('open', 'paid', 'shipped', 'cancelled');
--> statement-breakpoint
CREATE TABLE public.orders (
    id bigint GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME public.orders_id_seq INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE) NOT NULL,
    customer_email text NOT NULL,
    status public.order_status DEFAULT 'open'::public.order_status NOT NULL,
    total_cents bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE public.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
--> statement-breakpoint
ALTER TABLE public.orders ADD CONSTRAINT orders_total_cents_check CHECK (total_cents >= 0);
--> statement-breakpoint
CREATE INDEX orders_customer_email_idx ON public.orders USING btree (customer_email);
