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
            create extension citext with schema app;
            comment on extension citext is 'for nicknames';
            create collation app.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
            comment on collation app.ci is 'case-insensitive';
            create domain app.email as text collate app.ci not null constraint email_at check (value like '%@%')
              constraint email_short check (length(value) < 200);
            alter domain app.email add constraint email_ascii check (value ~ '^[ -~]*$') not valid;
            comment on domain app.email is 'an address';
            create type app.money_pair as (amount numeric(12,2), currency char(3) collate "C");
            comment on column app.money_pair.currency is 'ISO 4217';
            create type app.period as range (subtype = date, multirange_type_name = app.periods);
            comment on type app.period is 'days';
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
            create unlogged table app.scratch (k text, v text, email app.email, nick app.citext, price app.money_pair,
              valid app.period, valid_all app.periods);
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
            create type app.period as range (multirange_type_name = app.periods, subtype = date);
            create collation app.ci (provider = icu, deterministic = false, locale = 'und-u-ks-level2');
            create type app.money_pair as (amount numeric(12,2), currency char(3) collate "C");
            create type app.status as enum ('new', 'active', 'archived');
            create domain app.email as text collate app.ci constraint email_short check (length(value) < 200);
            create extension citext with schema app;
            alter domain app.email add constraint email_ascii check (value ~ '^[ -~]*$') not valid;
            alter domain app.email add constraint email_at check (value like '%@%');
            alter domain app.email set not null;
            alter table app.scratch add column email app.email, add column nick app.citext, add column price app.money_pair,
              add column valid app.period, add column valid_all app.periods;
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
            comment on type app.period is 'days';
            comment on column app.money_pair.currency is 'ISO 4217';
            comment on domain app.email is 'an address';
            comment on collation app.ci is 'case-insensitive';
            comment on extension citext is 'for nicknames';
            """;
}
