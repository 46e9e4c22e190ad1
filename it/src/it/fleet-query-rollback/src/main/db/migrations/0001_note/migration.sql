ALTER TABLE orders ADD COLUMN note text;
--> statement-breakpoint
CREATE INDEX orders_note_idx ON orders (note);
