create table orders (
  id bigint primary key,
  user_id bigint references users,
  total numbr not null
);
