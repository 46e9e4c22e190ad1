-- A shop in the public schema, written the way a pg_dump of it reads: domains, an enum, a fulltext trigger,
-- plpgsql and SQL functions, an aggregate, views, sequences owned by serial columns, comments and grants.
create domain year as integer constraint year_check check (value >= 1901 and value <= 2155);
create type rating as enum ('G', 'PG', 'PG-13', 'R', 'NC-17');

create function concat_comma(text, text) returns text language sql immutable as $$
select case when $2 is null then $1 when $1 is null then $2 else $1 || ', ' || $2 end
$$;
create aggregate group_concat(text) (sfunc = concat_comma, stype = text);

create sequence product_code_seq start 1000;

create table category (
    category_id serial primary key,
    name text not null,
    last_update timestamptz not null default now()
);
create table product (
    product_id serial primary key,
    code integer not null default nextval('product_code_seq'),
    title text not null,
    description text,
    release_year year,
    rating rating default 'G',
    price numeric(6,2) not null default 4.99,
    fulltext tsvector,
    last_update timestamptz not null default now()
);
alter sequence product_code_seq owned by product.code;
create index product_fulltext_idx on product using gin (fulltext);
create index product_title_idx on product (title);
create table product_category (
    product_id integer not null references product on update cascade on delete restrict,
    category_id integer not null references category on update cascade on delete restrict,
    last_update timestamptz not null default now(),
    primary key (product_id, category_id)
);
create table customer (
    customer_id serial primary key,
    first_name text not null,
    last_name text not null,
    email text,
    active boolean not null default true,
    create_date date not null default current_date
);
create table purchase (
    purchase_id bigserial primary key,
    customer_id integer not null references customer,
    product_id integer not null references product,
    amount numeric(8,2) not null check (amount >= 0),
    at timestamptz not null default now()
);
create index purchase_customer_idx on purchase (customer_id, at desc);

create function last_updated() returns trigger language plpgsql as $$
begin
    new.last_update = current_timestamp;
    return new;
end $$;
create trigger last_updated before update on category for each row execute procedure last_updated();
create trigger last_updated before update on product for each row execute procedure last_updated();
create trigger product_fulltext before insert or update on product for each row
    execute procedure tsvector_update_trigger(fulltext, 'pg_catalog.english', title, description);

create function customer_spent(p_customer integer) returns numeric language plpgsql stable as $$
declare total numeric;
begin
    select coalesce(sum(amount), 0) into total from purchase where customer_id = p_customer;
    return total;
end $$;
create function products_in(p_category text, out product_id integer, out title text) returns setof record
    language sql stable as $$
    select p.product_id, p.title from product p join product_category pc using (product_id)
    join category c using (category_id) where c.name = p_category
$$;

create view product_list as
    select p.product_id, p.title, p.price, p.rating, group_concat(c.name) as categories
    from product p left join product_category pc using (product_id) left join category c using (category_id)
    group by p.product_id, p.title, p.price, p.rating;
create view customer_list as
    select customer_id, first_name || ' ' || last_name as name, customer_spent(customer_id) as spent from customer;

comment on table product is 'things for sale';
comment on column product.fulltext is 'kept by the product_fulltext trigger';
comment on function customer_spent(integer) is 'sum of purchases';
comment on trigger last_updated on product is 'stamps last_update';

revoke all on table purchase from public;
grant select on product, category, product_category, product_list to app_reader;
grant select, insert on purchase to app_writer;
grant usage, select on sequence purchase_purchase_id_seq to app_writer;
grant execute on function customer_spent(integer) to app_reader;
