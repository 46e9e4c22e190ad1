-- hazard: DATA_LOSS: drops table public.note_tags and its rows
DROP TABLE public.note_tags;
