-- hazard: DATA_LOSS: drops table public.orders and its rows
DROP TABLE public.orders;
--> statement-breakpoint
DROP TYPE public.order_status;
