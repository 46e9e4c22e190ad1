CREATE TABLE t5 (id int PRIMARY KEY);
--> statement-breakpoint
SELECT pg_sleep(0.05);
