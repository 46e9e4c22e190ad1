DROP TABLE killed_b;
--> statement-breakpoint
DROP TABLE killed_a;
