package io.github.shaledb.engine.diff;

import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.github.shaledb.engine.diff.DiffCases.add;

/**
 * Whole schemas as an application holds them (every kind at once: extensions, domains, types, functions,
 * triggers, row-level security, grants, partitions, views), from nothing and through the kind of change a
 * release makes: a function body, a new trigger, a column with a default, a policy and a grant.
 */
final class RealisticCases {
    private RealisticCases() {
    }

    static List<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        String saas = resource("saas.sql");
        String saasNext = saas
                .replace("    new.updated_at := now();", "    new.updated_at := clock_timestamp();")
                // A new column goes at the end of its table (PostgreSQL adds columns there; see generating.md).
                .replace("    updated_at timestamptz not null default now(),\n    constraint users_email_key",
                        "    updated_at timestamptz not null default now(),\n    locale text not null default 'en',\n"
                                + "    constraint users_email_key")
                .replace("create trigger users_touch", "create trigger events_kind before insert on app.events for each row"
                        + " when (new.kind = '') execute function app.touch();\ncreate trigger users_touch")
                .replace("with check (tenant_id = app.current_tenant() and not archived)", "with check (tenant_id = app.current_tenant())")
                .replace("grant select (id, name) on app.tenants to app_writer;", "grant select (id, name, plan) on app.tenants to app_writer;");
        String seedSaas = "insert into app.tenants (id, name) values ('00000000-0000-0000-0000-000000000001', 'Acme Inc');"
                + " insert into app.users (tenant_id, email) values ('00000000-0000-0000-0000-000000000001', 'a@acme.test');";
        add(all, "realistic saas schema created", "", saas, null, null);
        add(all, "realistic saas schema released", saas, saasNext, seedSaas, "select count(*) from app.users");
        String shop = resource("shop.sql");
        String shopNext = shop
                .replace("select coalesce(sum(amount), 0) into total", "select coalesce(sum(amount), 0)::numeric(12,2) into total")
                .replace("    fulltext tsvector,\n    last_update timestamptz not null default now()\n",
                        "    fulltext tsvector,\n    last_update timestamptz not null default now(),\n    stock integer not null default 0\n")
                .replace("create view product_list", "create trigger last_updated before update on product_category for each row"
                        + " execute procedure last_updated();\ncreate view product_list")
                .replace("grant select, insert on purchase to app_writer;", "grant select, insert, update on purchase to app_writer;");
        String seedShop = "insert into product (title) values ('A'), ('B'); insert into customer (first_name, last_name)"
                + " values ('Ann', 'Lee');";
        add(all, "realistic shop schema created", "", shop, null, null);
        add(all, "realistic shop schema released", shop, shopNext, seedShop, "select count(*) from product");
        return all;
    }

    private static String resource(String name) {
        try (InputStream in = RealisticCases.class.getResourceAsStream("/realistic/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource realistic/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
