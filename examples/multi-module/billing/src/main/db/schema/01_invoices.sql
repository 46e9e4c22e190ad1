create table invoices (
  id bigint generated always as identity primary key,
  order_id bigint not null,
  amount_cents bigint not null check (amount_cents >= 0),
  issued_at timestamptz not null default now(),
  paid_at timestamptz
);

create unique index invoices_order_id_key on invoices (order_id);
