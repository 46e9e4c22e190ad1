-- hazard: DATA_LOSS: drops table public.users and its rows
DROP TABLE public.users;
