CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  total numeric(10, 2) NOT NULL
);
--> statement-breakpoint
CREATE INDEX orders_user_id_idx ON orders (user_id);
