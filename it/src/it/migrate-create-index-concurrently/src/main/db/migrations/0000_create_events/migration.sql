CREATE TABLE events (
  id bigserial PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
INSERT INTO events (created_at) SELECT now() - g * interval '1 minute' FROM generate_series(1, 1000) AS g;
