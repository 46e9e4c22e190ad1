ALTER TABLE users DROP COLUMN nickname;
--> statement-breakpoint
DROP TABLE audit_log;
