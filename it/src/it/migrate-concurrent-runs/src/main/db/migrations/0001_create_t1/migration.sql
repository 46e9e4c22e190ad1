CREATE TABLE t1 (id int PRIMARY KEY);
--> statement-breakpoint
SELECT pg_sleep(0.05);
