create table users (
  id bigint primary key,
  email text not null
);
create index users_email_idx on users (email);
