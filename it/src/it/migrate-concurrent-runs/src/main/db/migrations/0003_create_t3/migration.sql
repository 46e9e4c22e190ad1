CREATE TABLE t3 (id int PRIMARY KEY);
--> statement-breakpoint
SELECT pg_sleep(0.05);
