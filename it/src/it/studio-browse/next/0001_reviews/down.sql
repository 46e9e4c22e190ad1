-- hazard: DATA_LOSS: drops table public.reviews and its rows
DROP TABLE public.reviews;
