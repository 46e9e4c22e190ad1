DROP TABLE ledger;
--> statement-breakpoint
DROP TABLE accounts;
