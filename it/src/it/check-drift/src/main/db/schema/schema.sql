create table users (
  id bigint primary key,
  email text not null
);
create table orders (
  id bigint primary key,
  user_id bigint not null references users
);
