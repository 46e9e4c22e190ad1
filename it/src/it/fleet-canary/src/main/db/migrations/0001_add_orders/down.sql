DROP TABLE order_lines;
--> statement-breakpoint
DROP TABLE orders;
