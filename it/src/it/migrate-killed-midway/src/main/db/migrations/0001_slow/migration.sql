CREATE TABLE killed_a (id int);
--> statement-breakpoint
SELECT pg_sleep(8);
--> statement-breakpoint
CREATE TABLE killed_b (id int);
