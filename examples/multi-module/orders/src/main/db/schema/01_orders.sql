create type order_status as enum ('open', 'paid', 'shipped', 'cancelled');

create table orders (
  id bigint generated always as identity primary key,
  customer_email text not null,
  status order_status not null default 'open',
  total_cents bigint not null check (total_cents >= 0),
  created_at timestamptz not null default now()
);

create index orders_customer_email_idx on orders (customer_email);
