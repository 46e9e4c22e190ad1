-- hazard: DATA_LOSS: drops table public.notes and its rows
DROP TABLE public.notes;
