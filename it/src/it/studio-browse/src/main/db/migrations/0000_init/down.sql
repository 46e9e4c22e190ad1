DROP VIEW public.paid_orders;
--> statement-breakpoint
ALTER TABLE public.order_lines DROP CONSTRAINT order_lines_order_id_fkey;
--> statement-breakpoint
ALTER TABLE public.order_lines DROP CONSTRAINT order_lines_product_id_fkey;
--> statement-breakpoint
ALTER TABLE public.orders DROP CONSTRAINT orders_customer_id_fkey;
--> statement-breakpoint
-- hazard: DATA_LOSS: drops table public.products and its rows
DROP TABLE public.products;
--> statement-breakpoint
-- hazard: DATA_LOSS: drops table public.orders and its rows
DROP TABLE public.orders;
--> statement-breakpoint
-- hazard: DATA_LOSS: drops table public.order_lines and its rows
DROP TABLE public.order_lines;
--> statement-breakpoint
-- hazard: DATA_LOSS: drops table public.customers and its rows
DROP TABLE public.customers;
--> statement-breakpoint
DROP FUNCTION public.touch();
--> statement-breakpoint
DROP TYPE public.status;
