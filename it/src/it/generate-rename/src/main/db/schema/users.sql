create table users (
  id bigint primary key,
  full_name text
);
