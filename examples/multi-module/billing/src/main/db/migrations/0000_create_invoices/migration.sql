CREATE TABLE public.invoices (
    id bigint GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME public.invoices_id_seq INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE) NOT NULL,
    order_id bigint NOT NULL,
    amount_cents bigint NOT NULL,
    issued_at timestamp with time zone DEFAULT now() NOT NULL,
    paid_at timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE public.invoices ADD CONSTRAINT invoices_amount_cents_check CHECK (amount_cents >= 0);
--> statement-breakpoint
ALTER TABLE public.invoices ADD CONSTRAINT invoices_pkey PRIMARY KEY (id);
--> statement-breakpoint
CREATE UNIQUE INDEX invoices_order_id_key ON public.invoices USING btree (order_id);
