-- orders are looked up by customer
CREATE INDEX orders_customer_idx ON orders (customer_id);
