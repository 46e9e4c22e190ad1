ALTER TABLE orders ADD COLUMN note text;
--> statement-breakpoint
SELECT pg_sleep(1.5);
--> statement-breakpoint
CREATE INDEX orders_note_idx ON orders (note);
