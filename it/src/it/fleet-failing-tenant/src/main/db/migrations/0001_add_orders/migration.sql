CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  total numeric(10, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE order_lines (
  order_id bigint NOT NULL REFERENCES orders (id),
  sku text NOT NULL
);
