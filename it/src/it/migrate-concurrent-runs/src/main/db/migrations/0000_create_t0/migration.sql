CREATE TABLE t0 (id int PRIMARY KEY);
--> statement-breakpoint
SELECT pg_sleep(0.05);
