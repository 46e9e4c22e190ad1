-- hazard: DATA_LOSS: drops table public.invoices and its rows
DROP TABLE public.invoices;
