ALTER TABLE public.notes ADD COLUMN pinned boolean DEFAULT false NOT NULL;
