CREATE TABLE accounts (id bigint PRIMARY KEY);
--> statement-breakpoint
CREATE TABLE ledger (id bigint PRIMARY KEY, account_id bigint REFERENCES accounts (id));
--> statement-breakpoint
INSERT INTO ledger_typo (id) VALUES (1);
