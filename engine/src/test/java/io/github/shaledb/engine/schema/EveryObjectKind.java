package io.github.shaledb.engine.schema;

/**
 * One schema with every object kind the model covers, as SQL, written twice in different orders
 * (objects created, constrained and commented in another sequence) for the determinism tests.
 */
public final class EveryObjectKind {
    private EveryObjectKind() {
    }

    public static final String IN_ORDER = """
            create schema app;
            comment on schema app is 'the application';
            create type app.status as enum ('new', 'active', 'archived');
            comment on type app.status is 'lifecycle';
            create sequence app.invoice_number as integer start with 1000 increment by 10 cache 5;
            comment on sequence app.invoice_number is 'human invoice numbers';
            create table app.accounts (
              id bigint generated always as identity (start with 100) primary key,
              email text not null,
              handle varchar(40) collate "C",
              status app.status not null default 'new',
              tags text[],
              balance numeric(12,2) default 0 check (balance >= 0),
              balance_cents bigint generated always as ((balance * 100)::bigint) stored,
              constraint accounts_email_key unique nulls not distinct (email)
            );
            comment on table app.accounts is 'who pays';
            comment on column app.accounts.email is 'login';
            create table app.invoices (
              id serial primary key,
              account_id bigint not null,
              number integer default nextval('app.invoice_number'),
              during tstzrange,
              note text,
              constraint invoices_account_fk foreign key (account_id) references app.accounts (id)
                on delete cascade on update restrict deferrable initially deferred,
              constraint invoices_no_overlap exclude using gist (during with &&)
            );
            comment on constraint invoices_account_fk on app.invoices is 'owner';
            create unlogged table app.scratch (k text, v text);
            create index invoices_note_partial on app.invoices (lower(note) desc nulls last) include (number)
              where note is not null;
            comment on index app.invoices_note_partial is 'search';
            create view app.open_invoices as select i.id, a.email from app.invoices i join app.accounts a on a.id = i.account_id;
            comment on view app.open_invoices is 'open ones';
            create materialized view app.invoice_totals as select account_id, count(*) as n from app.invoices group by account_id;
            create unique index invoice_totals_account on app.invoice_totals (account_id);
            comment on materialized view app.invoice_totals is 'nightly';
            """;

    public static final String OTHER_ORDER = """
            create schema app;
            create unlogged table app.scratch (k text, v text);
            create type app.status as enum ('new', 'active', 'archived');
            create table app.accounts (
              id bigint generated always as identity (start with 100),
              email text not null,
              handle varchar(40) collate "C",
              status app.status not null default 'new',
              tags text[],
              balance numeric(12,2) default 0,
              balance_cents bigint generated always as ((balance * 100)::bigint) stored
            );
            create sequence app.invoice_number as integer start with 1000 increment by 10 cache 5;
            create table app.invoices (
              id serial,
              account_id bigint not null,
              number integer default nextval('app.invoice_number'),
              during tstzrange,
              note text
            );
            create index invoices_note_partial on app.invoices (lower(note) desc nulls last) include (number)
              where note is not null;
            alter table app.accounts add constraint accounts_pkey primary key (id);
            alter table app.invoices add constraint invoices_pkey primary key (id);
            alter table app.accounts add constraint accounts_email_key unique nulls not distinct (email);
            alter table app.invoices add constraint invoices_account_fk foreign key (account_id) references app.accounts (id)
                on delete cascade on update restrict deferrable initially deferred;
            alter table app.accounts add constraint accounts_balance_check check (balance >= 0);
            alter table app.invoices add constraint invoices_no_overlap exclude using gist (during with &&);
            create materialized view app.invoice_totals as select account_id, count(*) as n from app.invoices group by account_id;
            create view app.open_invoices as select i.id, a.email from app.invoices i join app.accounts a on a.id = i.account_id;
            create unique index invoice_totals_account on app.invoice_totals (account_id);
            comment on materialized view app.invoice_totals is 'nightly';
            comment on view app.open_invoices is 'open ones';
            comment on index app.invoices_note_partial is 'search';
            comment on constraint invoices_account_fk on app.invoices is 'owner';
            comment on column app.accounts.email is 'login';
            comment on table app.accounts is 'who pays';
            comment on sequence app.invoice_number is 'human invoice numbers';
            comment on type app.status is 'lifecycle';
            comment on schema app is 'the application';
            """;
}
