DROP INDEX orders_note_idx;
--> statement-breakpoint
ALTER TABLE orders DROP COLUMN note;
