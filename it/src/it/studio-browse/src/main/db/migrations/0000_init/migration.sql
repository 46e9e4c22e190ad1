CREATE SEQUENCE public.orders_id_seq AS integer INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1 NO CYCLE;
--> statement-breakpoint
CREATE SEQUENCE public.products_id_seq AS integer INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1 NO CYCLE;
--> statement-breakpoint
CREATE TYPE public.status AS ENUM ('new', 'paid', 'shipped');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.touch()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ begin new.created_at := now(); return new; end $function$;
--> statement-breakpoint
CREATE TABLE public.customers (
    id bigint GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME public.customers_id_seq INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE) NOT NULL,
    name text NOT NULL,
    email text
);
--> statement-breakpoint
CREATE TABLE public.order_lines (
    order_id integer NOT NULL,
    product_id integer NOT NULL,
    qty integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE public.orders (
    id integer DEFAULT nextval('public.orders_id_seq'::regclass) NOT NULL,
    customer_id bigint NOT NULL,
    status public.status DEFAULT 'new'::public.status NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE public.products (
    id integer DEFAULT nextval('public.products_id_seq'::regclass) NOT NULL,
    title text NOT NULL,
    price numeric(10,2) NOT NULL
);
--> statement-breakpoint
ALTER SEQUENCE public.orders_id_seq OWNED BY public.orders.id;
--> statement-breakpoint
ALTER SEQUENCE public.products_id_seq OWNED BY public.products.id;
--> statement-breakpoint
ALTER TABLE public.customers ADD CONSTRAINT customers_email_key UNIQUE (email);
--> statement-breakpoint
ALTER TABLE public.customers ADD CONSTRAINT customers_pkey PRIMARY KEY (id);
--> statement-breakpoint
ALTER TABLE public.order_lines ADD CONSTRAINT order_lines_pkey PRIMARY KEY (order_id, product_id);
--> statement-breakpoint
ALTER TABLE public.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
--> statement-breakpoint
ALTER TABLE public.products ADD CONSTRAINT products_pkey PRIMARY KEY (id);
--> statement-breakpoint
ALTER TABLE public.products ADD CONSTRAINT products_price_check CHECK (price >= 0::numeric);
--> statement-breakpoint
CREATE INDEX orders_customer ON public.orders USING btree (customer_id);
--> statement-breakpoint
ALTER TABLE public.order_lines ADD CONSTRAINT order_lines_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE CASCADE;
--> statement-breakpoint
-- db:lint-ignore foreign-key-without-index db:generate: the schema files ask for this; review it before merging
ALTER TABLE public.order_lines ADD CONSTRAINT order_lines_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id);
--> statement-breakpoint
ALTER TABLE public.orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);
--> statement-breakpoint
CREATE VIEW public.paid_orders AS
SELECT id,
    customer_id
   FROM public.orders
  WHERE status = 'paid'::public.status;
--> statement-breakpoint
CREATE TRIGGER orders_touch BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.touch();
