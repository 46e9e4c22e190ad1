-- hazard: DATA_LOSS: drops column pinned of public.notes
ALTER TABLE public.notes DROP COLUMN pinned;
