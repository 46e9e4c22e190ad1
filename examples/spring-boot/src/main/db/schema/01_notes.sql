-- The desired state of the notes service's tables. Edit this file, then run
-- mvn db:generate -Ddb.name=<what_changed> to write the migration.
create table notes (
  id bigint generated always as identity primary key,
  title text not null check (length(title) between 1 and 200),
  body text not null default '',
  pinned boolean not null default false,
  created_at timestamptz not null default now()
);

create index notes_created_at_idx on notes (created_at desc);
