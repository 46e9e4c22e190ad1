CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  note text
);
--> statement-breakpoint
SELECT pg_sleep(1);
--> statement-breakpoint
ALTER TABLE users ADD COLUMN nickname text;
