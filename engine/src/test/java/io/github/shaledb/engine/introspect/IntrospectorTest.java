package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.schema.Collation;
import io.github.shaledb.engine.schema.Column;
import io.github.shaledb.engine.schema.ColumnRef;
import io.github.shaledb.engine.schema.CompositeType;
import io.github.shaledb.engine.schema.Constraint;
import io.github.shaledb.engine.schema.DefaultPrivileges;
import io.github.shaledb.engine.schema.Dependency;
import io.github.shaledb.engine.schema.Domain;
import io.github.shaledb.engine.schema.EnumType;
import io.github.shaledb.engine.schema.EventTrigger;
import io.github.shaledb.engine.schema.Extension;
import io.github.shaledb.engine.schema.ForeignKey;
import io.github.shaledb.engine.schema.Grant;
import io.github.shaledb.engine.schema.Identity;
import io.github.shaledb.engine.schema.Index;
import io.github.shaledb.engine.schema.IndexKey;
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.Policy;
import io.github.shaledb.engine.schema.Privileges;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.RangeType;
import io.github.shaledb.engine.schema.RowSecurity;
import io.github.shaledb.engine.schema.Schema;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.Sequence;
import io.github.shaledb.engine.schema.SequenceOptions;
import io.github.shaledb.engine.schema.Table;
import io.github.shaledb.engine.schema.Trigger;
import io.github.shaledb.engine.schema.TriggerState;
import io.github.shaledb.engine.schema.View;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.assertj.core.groups.Tuple.tuple;

@ExtendWith(TestPostgres.class)
class IntrospectorTest {

    private static SchemaModel introspect(TestDatabase db, String... schemas) throws Exception {
        try (Connection connection = db.connect()) {
            return Introspector.introspect(connection, List.of(schemas));
        }
    }

    private static QualifiedName name(String schema, String name) {
        return QualifiedName.of(schema, name);
    }

    private static Table table(SchemaModel model, String schema, String name) {
        return model.table(name(schema, name)).orElseThrow(() -> new AssertionError("no table " + schema + "." + name
                + " in " + model.tables().stream().map(Table::name).toList()));
    }

    @Test
    void readsListedSchemasWithCommentsAndLeavesOutTheTrackingSchemaUnlessListed(TestDatabase db) throws Exception {
        db.execute("""
                create schema app; comment on schema app is 'the application';
                create schema drizzle; create table drizzle.__drizzle_migrations (id serial primary key, hash text);
                create schema other;
                """);

        assertThat(introspect(db, "app").schemas()).containsExactly(new Schema("app", "the application"));
        assertThat(introspect(db).schemas()).extracting(Schema::name).containsExactly("app", "other", "public");
        SchemaModel withTracking = introspect(db, "app", "drizzle", "missing");
        assertThat(withTracking.schemas()).extracting(Schema::name).containsExactly("app", "drizzle");
        assertThat(withTracking.tables()).extracting(Table::name).containsExactly(name("drizzle", "__drizzle_migrations"));
        assertThat(introspect(db, "app").tables()).isEmpty();
    }

    @Test
    void systemSchemasAreNeverRead(TestDatabase db) throws Exception {
        SchemaModel model = introspect(db, "pg_catalog", "information_schema", "pg_toast", "public");

        assertThat(model.schemas()).extracting(Schema::name).containsExactly("public");
        assertThat(model.tables()).isEmpty();
        assertThat(model.views()).isEmpty();
    }

    @Test
    void enumKeepsItsLabelsInTheTypesOrderAndItsComment(TestDatabase db) throws Exception {
        db.execute("""
                create type status as enum ('new', 'active', 'archived');
                alter type status add value 'paused' before 'archived';
                alter type status add value 'deleted';
                comment on type status is 'lifecycle';
                """);

        assertThat(introspect(db, "public").enums()).containsExactly(new EnumType(name("public", "status"),
                List.of("new", "active", "paused", "archived", "deleted"), "lifecycle"));
    }

    @Test
    void enumWithoutLabelsIsStillAnEnum(TestDatabase db) throws Exception {
        db.execute("create type nothing_yet as enum ()");

        assertThat(introspect(db, "public").enums())
                .containsExactly(new EnumType(name("public", "nothing_yet"), List.of(), null));
    }

    @Test
    void sequenceCarriesEveryOptionItsOwnerAndComment(TestDatabase db) throws Exception {
        db.execute("""
                create table t (id int);
                create sequence counter as smallint increment by -2 minvalue -100 maxvalue 50 start with 40 cache 3 cycle;
                create sequence owned_one owned by t.id;
                comment on sequence counter is 'counts down';
                """);

        SchemaModel model = introspect(db, "public");

        assertThat(model.sequence(name("public", "counter"))).contains(new Sequence(name("public", "counter"),
                new SequenceOptions("smallint", 40, -2, -100, 50, 3, true), null, false, "counts down"));
        Sequence owned = model.sequence(name("public", "owned_one")).orElseThrow();
        assertThat(owned.ownedBy()).isEqualTo(new ColumnRef(name("public", "t"), "id"));
        assertThat(owned.identity()).isFalse();
        assertThat(owned.options()).isEqualTo(new SequenceOptions("bigint", 1, 1, 1, Long.MAX_VALUE, 1, false));
    }

    @Test
    void serialColumnKeepsItsNextvalDefaultAndNamesTheSequenceItOwns(TestDatabase db) throws Exception {
        db.execute("create table orders (id serial primary key, big bigserial)");

        SchemaModel model = introspect(db, "public");

        Column id = table(model, "public", "orders").column("id").orElseThrow();
        assertThat(id.type()).isEqualTo("integer");
        assertThat(id.notNull()).isTrue();
        assertThat(id.defaultExpression()).isEqualTo("nextval('public.orders_id_seq'::regclass)");
        assertThat(id.ownedSequence()).isEqualTo(name("public", "orders_id_seq"));
        assertThat(id.identity()).isNull();
        assertThat(model.sequences()).extracting(Sequence::name, Sequence::ownedBy, Sequence::identity).containsExactly(
                tuple(name("public", "orders_big_seq"), new ColumnRef(name("public", "orders"), "big"), false),
                tuple(name("public", "orders_id_seq"), new ColumnRef(name("public", "orders"), "id"), false));
    }

    @Test
    void identityColumnsCarryGenerationAndSequenceOptionsAndTheirSequenceIsMarkedOwned(TestDatabase db) throws Exception {
        db.execute("""
                create table t (
                  a bigint generated always as identity (start with 100 increment by 5 maxvalue 10000 cache 20),
                  b int generated by default as identity)
                """);

        SchemaModel model = introspect(db, "public");

        Table t = table(model, "public", "t");
        assertThat(t.column("a").orElseThrow().identity()).isEqualTo(new Identity(Identity.Generation.ALWAYS,
                name("public", "t_a_seq"), new SequenceOptions("bigint", 100, 5, 1, 10000, 20, false)));
        assertThat(t.column("a").orElseThrow().defaultExpression()).isNull();
        assertThat(t.column("a").orElseThrow().ownedSequence()).isNull();
        assertThat(t.column("b").orElseThrow().identity()).isEqualTo(new Identity(Identity.Generation.BY_DEFAULT,
                name("public", "t_b_seq"), new SequenceOptions("integer", 1, 1, 1, Integer.MAX_VALUE, 1, false)));
        Sequence sequence = model.sequence(name("public", "t_a_seq")).orElseThrow();
        assertThat(sequence.identity()).isTrue();
        assertThat(sequence.owned()).isTrue();
        assertThat(sequence.ownedBy()).isEqualTo(new ColumnRef(name("public", "t"), "a"));
    }

    @Test
    void aColumnOwningSeveralSequencesNamesItsIdentitySequenceElseTheFirstByName(TestDatabase db) throws Exception {
        db.execute("""
                create table t (n int generated by default as identity, k bigint);
                create sequence aa_by_hand owned by t.n;
                create sequence zz_by_hand owned by t.k;
                create sequence bb_by_hand as smallint owned by t.k;
                """);

        SchemaModel model = introspect(db, "public");

        Table t = table(model, "public", "t");
        assertThat(t.column("n").orElseThrow().identity().sequence()).isEqualTo(name("public", "t_n_seq"));
        assertThat(t.column("k").orElseThrow().ownedSequence()).isEqualTo(name("public", "bb_by_hand"));
        assertThat(model.sequences()).extracting(Sequence::name, Sequence::ownedBy, Sequence::identity).containsExactly(
                tuple(name("public", "aa_by_hand"), new ColumnRef(name("public", "t"), "n"), false),
                tuple(name("public", "bb_by_hand"), new ColumnRef(name("public", "t"), "k"), false),
                tuple(name("public", "t_n_seq"), new ColumnRef(name("public", "t"), "n"), true),
                tuple(name("public", "zz_by_hand"), new ColumnRef(name("public", "t"), "k"), false));
    }

    @Test
    void columnsCarryTypeWithModifiersDefaultsGeneratedExpressionCollationAndGapFreePositions(TestDatabase db) throws Exception {
        db.execute("""
                create schema app;
                create type app.mood as enum ('sad', 'happy');
                create table app.t (
                  gone int,
                  code varchar(12) not null default 'x',
                  amount numeric(10,2) default 0.5,
                  at timestamp(3) with time zone default now(),
                  grid integer[][],
                  moods app.mood[] default '{happy}',
                  name text collate "C",
                  plain text collate "default",
                  doubled numeric generated always as (amount * 2) stored,
                  bits bit varying(8),
                  "Mixed Case" char(3)
                );
                alter table app.t drop column gone;
                comment on column app.t.code is 'short code';
                """);

        List<Column> columns = table(introspect(db, "app"), "app", "t").columns();

        assertThat(columns).extracting(Column::name).containsExactly("code", "amount", "at", "grid", "moods", "name",
                "plain", "doubled", "bits", "Mixed Case");
        assertThat(columns).extracting(Column::position).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(columns).extracting(Column::type).containsExactly("character varying(12)", "numeric(10,2)",
                "timestamp(3) with time zone", "integer[]", "app.mood[]", "text", "text", "numeric", "bit varying(8)",
                "character(3)");
        assertThat(columns.get(0)).isEqualTo(new Column("code", 1, "character varying(12)", true,
                "'x'::character varying", null, null, null, null, "short code"));
        assertThat(columns).extracting(Column::defaultExpression).containsExactly("'x'::character varying", "0.5", "now()",
                null, "'{happy}'::app.mood[]", null, null, null, null, null);
        assertThat(columns.get(7).generatedExpression()).isEqualTo("(amount * (2)::numeric)");
        assertThat(columns.get(7).defaultExpression()).isNull();
        assertThat(columns).extracting(Column::collation).containsExactly(null, null, null, null, null,
                name("pg_catalog", "C"), null, null, null, null);
        assertThat(columns).extracting(Column::notNull).containsExactly(true, false, false, false, false, false, false,
                false, false, false);
    }

    @Test
    void tablesCarryUnloggedStorageOptionsPartitioningAndComment(TestDatabase db) throws Exception {
        db.execute("""
                create unlogged table scratch (k text) with (fillfactor = 70, autovacuum_enabled = false);
                comment on table scratch is 'temporary work';
                create table events (id bigint, at date not null) partition by range (at);
                create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01');
                """);

        SchemaModel model = introspect(db, "public");

        Table scratch = table(model, "public", "scratch");
        assertThat(scratch.unlogged()).isTrue();
        assertThat(scratch.options()).as("in the order they were set, as pg_dump prints them")
                .containsExactly("fillfactor=70", "autovacuum_enabled=false");
        assertThat(scratch.comment()).isEqualTo("temporary work");
        assertThat(scratch.partitionKey()).isNull();
        Table events = table(model, "public", "events");
        assertThat(events.unlogged()).isFalse();
        assertThat(events.partitionKey()).isEqualTo("RANGE (at)");
        assertThat(events.partitioned()).isTrue();
        assertThat(scratch.partitioned()).isFalse();
        Table partition = table(model, "public", "events_2025");
        assertThat(partition.partitionOf()).isEqualTo(name("public", "events"));
        assertThat(partition.partitionBound()).isEqualTo("FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
        assertThat(partition.columns()).extracting(Column::name).containsExactly("id", "at");
    }

    @Test
    void primaryKeyUniqueAndCheckConstraintsCarryColumnsInKeyOrderAndTheirDefinition(TestDatabase db) throws Exception {
        db.execute("""
                create table t (a int, b int, c text, price numeric,
                  constraint t_pk primary key (b, a),
                  constraint t_c_key unique nulls not distinct (c),
                  constraint t_ab_key unique (a, b) deferrable initially deferred,
                  constraint positive_price check (price > 0));
                alter table t add constraint later_check check (a < 1000) not valid;
                comment on constraint positive_price on t is 'no free lunch';
                """);

        Table t = table(introspect(db, "public"), "public", "t");

        assertThat(t.constraints()).extracting(Constraint::name)
                .containsExactly("later_check", "positive_price", "t_ab_key", "t_c_key", "t_pk");
        assertThat(t.constraint("t_pk").orElseThrow()).isEqualTo(new Constraint("t_pk", Constraint.Type.PRIMARY_KEY,
                "PRIMARY KEY (b, a)", List.of("b", "a"), false, null, false, false, true, null));
        assertThat(t.constraint("t_c_key").orElseThrow()).isEqualTo(new Constraint("t_c_key", Constraint.Type.UNIQUE,
                "UNIQUE NULLS NOT DISTINCT (c)", List.of("c"), true, null, false, false, true, null));
        Constraint deferred = t.constraint("t_ab_key").orElseThrow();
        assertThat(deferred.nullsNotDistinct()).isFalse();
        assertThat(deferred.deferrable()).isTrue();
        assertThat(deferred.initiallyDeferred()).isTrue();
        assertThat(t.constraint("positive_price").orElseThrow()).isEqualTo(new Constraint("positive_price",
                Constraint.Type.CHECK, "CHECK (price > 0::numeric)", List.of("price"), false, null, false, false, true,
                "no free lunch"));
        assertThat(t.constraint("later_check").orElseThrow().validated()).isFalse();
        assertThat(t.indexes()).as("indexes backing constraints belong to them").isEmpty();
    }

    @Test
    void foreignKeysCarryReferencedTableColumnsActionsMatchAndDeferral(TestDatabase db) throws Exception {
        db.execute("""
                create schema billing;
                create table public.accounts (region text, id int, primary key (region, id));
                create table billing.invoices (id int primary key, region text, account int, parent int,
                  constraint invoices_account_fk foreign key (region, account) references public.accounts (region, id)
                    match full on update cascade on delete set null deferrable initially deferred,
                  constraint invoices_parent_fk foreign key (parent) references billing.invoices on delete restrict);
                """);

        Table invoices = table(introspect(db, "public", "billing"), "billing", "invoices");

        Constraint crossSchema = invoices.constraint("invoices_account_fk").orElseThrow();
        assertThat(crossSchema.type()).isEqualTo(Constraint.Type.FOREIGN_KEY);
        assertThat(crossSchema.columns()).containsExactly("region", "account");
        assertThat(crossSchema.foreignKey()).isEqualTo(new ForeignKey(name("public", "accounts"), List.of("region", "id"),
                ForeignKey.Action.CASCADE, ForeignKey.Action.SET_NULL, ForeignKey.Match.FULL));
        assertThat(crossSchema.deferrable()).isTrue();
        assertThat(crossSchema.initiallyDeferred()).isTrue();
        assertThat(crossSchema.definition()).isEqualTo("FOREIGN KEY (region, account) REFERENCES public.accounts(region, id)"
                + " MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED");
        Constraint self = invoices.constraint("invoices_parent_fk").orElseThrow();
        assertThat(self.foreignKey()).isEqualTo(new ForeignKey(name("billing", "invoices"), List.of("id"),
                ForeignKey.Action.NO_ACTION, ForeignKey.Action.RESTRICT, ForeignKey.Match.SIMPLE));
        assertThat(self.deferrable()).isFalse();
    }

    @Test
    void foreignKeyToAPartitionedTableIsOneConstraint(TestDatabase db) throws Exception {
        db.execute("""
                create table parts (id int primary key) partition by range (id);
                create table parts_1 partition of parts for values from (0) to (100);
                create table parts_2 partition of parts for values from (100) to (200);
                create table uses (part int references parts);
                """);

        assertThat(table(introspect(db, "public"), "public", "uses").constraints()).extracting(Constraint::name)
                .containsExactly("uses_part_fkey");
    }

    @Test
    void exclusionConstraintCarriesItsColumnsAndDefinition(TestDatabase db) throws Exception {
        db.execute("create table booking (room int, during tsrange,"
                + " constraint no_overlap exclude using gist (during with &&) where (room is not null))");

        Constraint exclusion = table(introspect(db, "public"), "public", "booking").constraint("no_overlap").orElseThrow();

        assertThat(exclusion.type()).isEqualTo(Constraint.Type.EXCLUSION);
        assertThat(exclusion.columns()).containsExactly("during");
        assertThat(exclusion.definition()).isEqualTo("EXCLUDE USING gist (during WITH &&) WHERE (room IS NOT NULL)");
    }

    @Test
    void exclusionConstraintOverAnExpressionCarriesItsPlainColumns(TestDatabase db) throws Exception {
        db.execute("create table price (sku text, valid_from date, valid_to date,"
                + " constraint no_overlap exclude using gist (daterange(valid_from, valid_to, '[)') with &&))");

        Constraint exclusion = table(introspect(db, "public"), "public", "price").constraint("no_overlap").orElseThrow();

        assertThat(exclusion.columns()).isEmpty();
        assertThat(exclusion.definition()).isEqualTo("EXCLUDE USING gist (daterange(valid_from, valid_to, '[)'::text) WITH &&)");
    }

    @Test
    void indexesCarryUniquenessMethodKeysSortOrderOpclassIncludeAndPredicate(TestDatabase db) throws Exception {
        db.execute("""
                create table t (id int primary key, email text, name text, score int, tags text[], code text);
                create unique index t_email_lower on t (lower(email)) where email is not null;
                create index t_name_score on t (name text_pattern_ops, score desc) include (email, code);
                create index t_score_nulls on t (score asc nulls first);
                create index t_tags on t using gin (tags);
                create index t_code_hash on t using hash (code);
                create unique index t_code_nnd on t (code) nulls not distinct;
                comment on index t_tags is 'tag search';
                """);

        Table t = table(introspect(db, "public"), "public", "t");

        assertThat(t.indexes()).extracting(Index::name)
                .containsExactly("t_code_hash", "t_code_nnd", "t_email_lower", "t_name_score", "t_score_nulls", "t_tags");
        assertThat(t.index("t_email_lower").orElseThrow()).isEqualTo(new Index("t_email_lower", true, false, "btree",
                List.of(new IndexKey(null, "lower(email)", null, false, false)), List.of(), "email IS NOT NULL",
                "CREATE UNIQUE INDEX t_email_lower ON public.t USING btree (lower(email)) WHERE (email IS NOT NULL)", null));
        Index nameScore = t.index("t_name_score").orElseThrow();
        assertThat(nameScore.keys()).containsExactly(
                new IndexKey("name", null, name("pg_catalog", "text_pattern_ops"), false, false),
                new IndexKey("score", null, null, true, true));
        assertThat(nameScore.include()).containsExactly("email", "code");
        assertThat(nameScore.predicate()).isNull();
        assertThat(nameScore.definition()).isEqualTo("CREATE INDEX t_name_score ON public.t USING btree"
                + " (name text_pattern_ops, score DESC) INCLUDE (email, code)");
        assertThat(t.index("t_score_nulls").orElseThrow().keys())
                .containsExactly(new IndexKey("score", null, null, false, true));
        Index tags = t.index("t_tags").orElseThrow();
        assertThat(tags.method()).isEqualTo("gin");
        assertThat(tags.comment()).isEqualTo("tag search");
        assertThat(tags.keys()).containsExactly(new IndexKey("tags", null, null, false, false));
        assertThat(t.index("t_code_hash").orElseThrow().method()).isEqualTo("hash");
        assertThat(t.index("t_code_nnd").orElseThrow().nullsNotDistinct()).isTrue();
        assertThat(t.index("t_code_nnd").orElseThrow().unique()).isTrue();
    }

    @Test
    void keysMixingColumnsExpressionsAndOperatorClassesKeepTheirPlaces(TestDatabase db) throws Exception {
        db.execute("""
                create table t (id int primary key, name text, score int, gone int, during tsrange,
                    constraint t_tableoid check (tableoid <> 0),
                    constraint t_twice exclude using gist (during with &&, during with -|-));
                alter table t drop column gone;
                alter table t add column later text;
                create index t_mixed on t (score, lower(name) text_pattern_ops, name) include (id);
                create index t_exprs on t (lower(name), (score + 1) desc, upper(later) text_pattern_ops);
                create materialized view mv as select id, name from t;
                create index mv_name on mv (name text_pattern_ops, lower(name));
                """);

        SchemaModel model = introspect(db, "public");
        Table t = table(model, "public", "t");

        assertThat(t.columns()).extracting(Column::name, Column::position).containsExactly(
                tuple("id", 1), tuple("name", 2), tuple("score", 3), tuple("during", 4), tuple("later", 5));
        assertThat(t.constraint("t_tableoid").orElseThrow().columns()).containsExactly("tableoid");
        assertThat(t.constraint("t_twice").orElseThrow().columns()).containsExactly("during", "during");
        QualifiedName patternOps = name("pg_catalog", "text_pattern_ops");
        Index mixed = t.index("t_mixed").orElseThrow();
        assertThat(mixed.keys()).containsExactly(
                new IndexKey("score", null, null, false, false),
                new IndexKey(null, "lower(name)", patternOps, false, false),
                new IndexKey("name", null, null, false, false));
        assertThat(mixed.include()).containsExactly("id");
        assertThat(t.index("t_exprs").orElseThrow().keys()).containsExactly(
                new IndexKey(null, "lower(name)", null, false, false),
                new IndexKey(null, "(score + 1)", null, true, true),
                new IndexKey(null, "upper(later)", patternOps, false, false));
        View mv = model.view(name("public", "mv")).orElseThrow();
        assertThat(mv.columns()).extracting(Column::position).containsExactly(1, 2);
        assertThat(mv.index("mv_name").orElseThrow().keys()).containsExactly(
                new IndexKey("name", null, patternOps, false, false),
                new IndexKey(null, "lower(name)", null, false, false));
    }

    @Test
    void viewsAndMaterializedViewsCarryDefinitionDependenciesIndexesAndComments(TestDatabase db) throws Exception {
        db.execute("""
                create schema report;
                create table users (id int primary key, name text);
                create table orders (id int, user_id int, total numeric);
                create view report.big_orders with (security_barrier = true) as
                  select o.id, u.name from orders o join users u on u.id = o.user_id where o.total > 100;
                comment on view report.big_orders is 'over 100';
                create materialized view report.order_counts as select name, count(*) as n from report.big_orders group by name;
                create unique index order_counts_name on report.order_counts (name);
                comment on materialized view report.order_counts is 'refreshed nightly';
                comment on index report.order_counts_name is 'for concurrent refresh';
                comment on column report.big_orders.name is 'buyer';
                comment on column report.order_counts.n is 'how many';
                """);

        SchemaModel model = introspect(db, "public", "report");

        View view = model.view(name("report", "big_orders")).orElseThrow();
        assertThat(view.materialized()).isFalse();
        assertThat(view.definition()).isEqualTo(" SELECT o.id,\n    u.name\n   FROM public.orders o\n"
                + "     JOIN public.users u ON u.id = o.user_id\n  WHERE o.total > 100::numeric;");
        assertThat(view.dependsOn()).containsExactly(name("public", "orders"), name("public", "users"));
        assertThat(view.options()).containsExactly("security_barrier=true");
        assertThat(view.comment()).isEqualTo("over 100");
        assertThat(view.indexes()).isEmpty();
        assertThat(view.columns()).containsExactly(
                new Column("id", 1, "integer", false, null, null, null, null, null, null),
                new Column("name", 2, "text", false, null, null, null, null, null, "buyer"));
        View matview = model.view(name("report", "order_counts")).orElseThrow();
        assertThat(matview.materialized()).isTrue();
        assertThat(matview.dependsOn()).containsExactly(name("report", "big_orders"));
        assertThat(matview.comment()).isEqualTo("refreshed nightly");
        assertThat(matview.columns()).extracting(Column::name, Column::type, Column::comment).containsExactly(
                tuple("name", "text", null),
                tuple("n", "bigint", "how many"));
        assertThat(matview.indexes()).extracting(Index::name, Index::unique, Index::comment)
                .containsExactly(tuple("order_counts_name", true, "for concurrent refresh"));
        assertThat(model.tables()).extracting(Table::name).containsExactly(name("public", "orders"), name("public", "users"));
    }

    @Test
    void objectsOwnedByAnExtensionAreLeftOut(TestDatabase db) throws Exception {
        List<String> available = db.queryStrings("select name from pg_available_extensions"
                + " where name in ('citext', 'pg_trgm', 'btree_gist') order by name");
        assumeThat(available).as("an extension to own objects").isNotEmpty();
        String extension = available.get(0);
        db.execute("create extension " + extension + ";"
                + " create type ext_kind as enum ('a'); create table ext_table (id serial primary key);"
                + " create index ext_index on ext_table (id desc); create view ext_view as select id from ext_table;"
                + " create sequence ext_sequence;"
                + " alter extension " + extension + " add type ext_kind;"
                + " alter extension " + extension + " add table ext_table;"
                + " alter extension " + extension + " add sequence ext_table_id_seq;"
                + " alter extension " + extension + " add view ext_view;"
                + " alter extension " + extension + " add sequence ext_sequence;"
                + " create table mine (id int);");

        SchemaModel model = introspect(db, "public");

        assertThat(model.tables()).extracting(Table::name).containsExactly(name("public", "mine"));
        assertThat(model.enums()).isEmpty();
        assertThat(model.sequences()).isEmpty();
        assertThat(model.views()).isEmpty();
    }

    @Test
    void everyExtensionOfTheDatabaseIsReadWhateverItsSchemaButPlpgsql(TestDatabase db) throws Exception {
        db.execute("""
                create schema ext;
                create extension citext with schema ext;
                create extension pg_trgm version '1.5';
                comment on extension pg_trgm is 'trigrams';
                create schema app;
                create table app.t (id int, email ext.citext);
                create index t_email on app.t using gist ((email::text) gist_trgm_ops);
                """);

        SchemaModel model = introspect(db, "app");

        assertThat(model.extensions()).containsExactly(
                new Extension("citext", "ext", "1.6", true, true, "data type for case-insensitive character strings", true),
                new Extension("pg_trgm", "public", "1.5", false, true, "trigrams", false));
        assertThat(model.dependencies()).contains(new Dependency("column app.t.email", "extension citext"),
                new Dependency("index app.t_email", "extension pg_trgm"));
        assertThat(model.functions()).as("the extensions' members are theirs").isEmpty();
    }

    @Test
    void domainsCarryBaseTypeCollationDefaultNotNullAndChecksByName(TestDatabase db) throws Exception {
        db.execute("""
                create function is_even(n int) returns boolean language sql immutable as $$ select n % 2 = 0 $$;
                create domain even as int default 2 not null constraint even_check check (is_even(value))
                  constraint big check (value > 0);
                alter domain even add constraint a_small check (value < 100) not valid;
                comment on domain even is 'even numbers';
                comment on constraint big on domain even is 'above zero';
                create domain label as varchar(20) collate "C";
                create domain plain as text;
                create table t (id int, e even);
                """);

        SchemaModel model = introspect(db, "public");

        assertThat(model.domains()).containsExactly(
                new Domain(name("public", "even"), "integer", null, "2", true, List.of(
                        new Domain.Check("a_small", "CHECK (VALUE < 100)", false, null),
                        new Domain.Check("big", "CHECK (VALUE > 0)", true, "above zero"),
                        new Domain.Check("even_check", "CHECK (public.is_even(VALUE))", true, null)), "even numbers"),
                new Domain(name("public", "label"), "character varying(20)", name("pg_catalog", "C"), null, false,
                        List.of(), null),
                new Domain(name("public", "plain"), "text", null, null, false, List.of(), null));
        assertThat(model.dependencies()).contains(
                new Dependency("column public.t.e", "type public.even"),
                new Dependency("domain constraint public.even.even_check", "function public.is_even(integer)"),
                new Dependency("domain constraint public.even.even_check", "type public.even"));
    }

    @Test
    void compositeTypesKeepTheirAttributesInOrderWithCollationsAndComments(TestDatabase db) throws Exception {
        db.execute("""
                create domain pos as int check (value > 0);
                create type pair as (z pos, a text collate "C", dropped int, m numeric(5,2)[]);
                alter type pair drop attribute dropped;
                comment on type pair is 'two and more';
                comment on column pair.a is 'the text';
                create type nothing as ();
                create table t (id int, p pair);
                """);

        SchemaModel model = introspect(db, "public");

        assertThat(model.compositeTypes()).containsExactly(
                new CompositeType(name("public", "nothing"), List.of(), null),
                new CompositeType(name("public", "pair"), List.of(
                        new CompositeType.Attribute("z", "public.pos", null, null),
                        new CompositeType.Attribute("a", "text", name("pg_catalog", "C"), "the text"),
                        new CompositeType.Attribute("m", "numeric(5,2)[]", null, null)), "two and more"));
        assertThat(model.tables()).extracting(Table::name).containsExactly(name("public", "t"));
        assertThat(model.dependencies()).contains(new Dependency("type public.pair", "type public.pos"),
                new Dependency("column public.t.p", "type public.pair"));
    }

    @Test
    void rangeTypesCarryTheirPartsAndLeaveTheirConstructorsOut(TestDatabase db) throws Exception {
        db.execute("""
                create function time_diff(a time, b time) returns float8 language sql immutable
                  as $$ select extract(epoch from (a - b)) $$;
                create type timerange as range (subtype = time, subtype_diff = time_diff);
                create type textrange as range (subtype = text, subtype_opclass = text_pattern_ops, collation = "C",
                  multirange_type_name = texts);
                comment on type textrange is 'texts';
                create table t (id int, r timerange, rs texts);
                """);

        SchemaModel model = introspect(db, "public");

        assertThat(model.rangeTypes()).containsExactly(
                new RangeType(name("public", "textrange"), "text", name("pg_catalog", "text_pattern_ops"),
                        name("pg_catalog", "C"), null, null, name("public", "texts"), "texts"),
                new RangeType(name("public", "timerange"), "time without time zone", null, null, null,
                        "public.time_diff", name("public", "timemultirange"), null));
        assertThat(model.functions()).extracting(f -> f.signature().toString())
                .containsExactly("public.time_diff(time without time zone, time without time zone)");
        assertThat(model.dependencies()).contains(new Dependency("column public.t.rs", "type public.textrange"),
                new Dependency("type public.timerange", "function public.time_diff(time without time zone, time without time zone)"));
    }

    @Test
    void collationsCarryProviderLocaleAndDeterminism(TestDatabase db) throws Exception {
        db.execute("""
                create collation ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
                create collation c_posix (lc_collate = 'C', lc_ctype = 'POSIX');
                create collation c_plain (locale = 'C');
                comment on collation c_plain is 'bytes';
                create table t (id int, name text collate ci);
                """);

        SchemaModel model = introspect(db, "public");

        assertThat(model.collations()).containsExactly(
                new Collation(name("public", "c_plain"), "libc", "C", null, null, true, null, "bytes"),
                new Collation(name("public", "c_posix"), "libc", null, "C", "POSIX", true, null, null),
                new Collation(name("public", "ci"), "icu", "und-u-ks-level2", null, null, false, null, null));
        assertThat(model.dependencies()).contains(new Dependency("column public.t.name", "collation public.ci"));
    }

    @Test
    void ignoredTableIsLeftOutWithTheSequenceItOwns(TestDatabase db) throws Exception {
        db.execute("create table __drizzle_migrations (id serial primary key, hash text); create table kept (id serial)");

        SchemaModel model;
        try (Connection connection = db.connect()) {
            model = Introspector.introspect(connection, List.of("public"), Set.of(name("public", "__drizzle_migrations")));
        }

        assertThat(model.tables()).extracting(Table::name).containsExactly(name("public", "kept"));
        assertThat(model.sequences()).extracting(Sequence::name).containsExactly(name("public", "kept_id_seq"));
    }

    private static Grant grant(String grantee, String... privileges) {
        return new Grant(grantee, List.of(privileges), null);
    }

    private static Privileges privileges(SchemaModel model, String object) {
        return model.find(ObjectKind.PRIVILEGES, object).orElseThrow(() -> new AssertionError("no privileges on " + object
                + " in " + model.all(ObjectKind.PRIVILEGES).stream().map(Privileges::object).toList()));
    }

    @Test
    void privilegesAreReadAgainstEachObjectsDefaultWithoutTheOwnersName(TestDatabase db) throws Exception {
        db.execute("""
                create schema app;
                grant usage on schema app to app_reader;
                revoke all on schema public from public;
                create type app.mood as enum ('ok');
                grant usage on type app.mood to app_writer;
                create sequence app.s;
                grant usage, select on sequence app.s to app_writer;
                create table app.t (id int, secret text);
                grant select on app.t to app_reader;
                grant insert, update on app.t to app_writer with grant option;
                grant select (secret) on app.t to app_admin;
                create view app.v as select id from app.t;
                grant select on app.v to public;
                create materialized view app.m as select id from app.t;
                grant select on app.m to app_reader;
                create function app.f(x int) returns int language sql as 'select x';
                revoke execute on function app.f(int) from public;
                grant execute on function app.f(int) to app_reader;
                create procedure app.p() language sql as 'select 1';
                grant execute on procedure app.p() to app_writer;
                create table app.plain (id int);
                grant select on app.plain to app_reader;
                revoke select on app.plain from app_reader;
                """);

        SchemaModel model = introspect(db, "app", "public");

        assertThat(model.all(ObjectKind.PRIVILEGES)).extracting(Privileges::object).containsExactly(
                "column app.t.secret", "function app.f(integer)", "function app.p()", "schema app", "schema public",
                "sequence app.s", "table app.t", "type app.mood", "view app.m", "view app.v");
        assertThat(privileges(model, "schema app")).isEqualTo(new Privileges("schema app", "SCHEMA", "app", null, null, null,
                List.of(), List.of(grant("app_reader", "USAGE"))));
        assertThat(privileges(model, "schema public").revoked()).as("the initial privileges of public are its default")
                .containsExactly(grant(Grant.PUBLIC, "USAGE"));
        assertThat(privileges(model, "schema public").granted()).isEmpty();
        assertThat(privileges(model, "type app.mood")).isEqualTo(new Privileges("type app.mood", "TYPE", "app", "mood",
                null, null, List.of(), List.of(grant("app_writer", "USAGE"))));
        assertThat(privileges(model, "sequence app.s").type()).isEqualTo("SEQUENCE");
        assertThat(privileges(model, "sequence app.s").granted()).containsExactly(grant("app_writer", "SELECT", "USAGE"));
        assertThat(privileges(model, "table app.t")).isEqualTo(new Privileges("table app.t", "TABLE", "app", "t", null, null,
                List.of(), List.of(grant("app_reader", "SELECT"),
                new Grant("app_writer", List.of("INSERT", "UPDATE"), List.of("INSERT", "UPDATE")))));
        assertThat(privileges(model, "column app.t.secret")).isEqualTo(new Privileges("column app.t.secret", "TABLE", "app",
                "t", null, "secret", List.of(), List.of(grant("app_admin", "SELECT"))));
        assertThat(privileges(model, "view app.v").granted()).containsExactly(grant(Grant.PUBLIC, "SELECT"));
        assertThat(privileges(model, "view app.m").granted()).containsExactly(grant("app_reader", "SELECT"));
        assertThat(privileges(model, "function app.f(integer)")).isEqualTo(new Privileges("function app.f(integer)",
                "FUNCTION", "app", "f", "integer", null, List.of(grant(Grant.PUBLIC, "EXECUTE")),
                List.of(grant("app_reader", "EXECUTE"))));
        assertThat(privileges(model, "function app.p()")).isEqualTo(new Privileges("function app.p()", "PROCEDURE", "app",
                "p", "", null, List.of(), List.of(grant("app_writer", "EXECUTE"))));
        assertThat(model.find(ObjectKind.PRIVILEGES, "table app.plain")).as("back to its default: no record").isEmpty();
    }

    @Test
    void grantsKeepTheOrderOfTheListAndTheOwnersOwnEntryIsNamedByNoRole(TestDatabase db) throws Exception {
        db.execute("""
                create table t (id int);
                grant select on t to app_writer;
                grant select on t to app_reader;
                grant update on t to app_writer;
                revoke truncate, trigger on t from current_user;
                """);

        Privileges t = privileges(introspect(db, "public"), "table public.t");

        assertThat(t.revoked()).containsExactly(grant(null, "INSERT", "SELECT", "UPDATE", "DELETE", "TRUNCATE",
                "REFERENCES", "TRIGGER"));
        assertThat(t.granted()).containsExactly(grant(null, "INSERT", "SELECT", "UPDATE", "DELETE", "REFERENCES"),
                grant("app_writer", "SELECT", "UPDATE"), grant("app_reader", "SELECT"));
    }

    @Test
    void aGrantByAnotherGrantorIsReadAsTheOwners(TestDatabase db) throws Exception {
        db.execute("""
                create table t (id int);
                grant select on t to app_admin with grant option;
                set role app_admin;
                grant select on t to app_reader;
                reset role;
                """);

        assertThat(privileges(introspect(db, "public"), "table public.t").granted()).containsExactly(
                new Grant("app_admin", List.of("SELECT"), List.of("SELECT")), grant("app_reader", "SELECT"));
    }

    @Test
    void defaultPrivilegesOfTheManagedSchemasAreReadWithTheIntrospectingRoleUnnamed(TestDatabase db) throws Exception {
        db.execute("""
                create schema app;
                create schema other;
                alter default privileges in schema app grant select on tables to app_reader;
                alter default privileges in schema app grant insert on tables to app_writer with grant option;
                alter default privileges in schema app grant usage on sequences to app_reader;
                alter default privileges for role app_admin in schema app grant execute on functions to app_writer;
                alter default privileges in schema app grant usage on types to public;
                alter default privileges in schema other grant select on tables to app_reader;
                alter default privileges grant select on tables to app_reader;
                """);

        SchemaModel model = introspect(db, "app");

        assertThat(model.all(ObjectKind.DEFAULT_PRIVILEGES)).containsExactly(
                new DefaultPrivileges("app_admin", "app", "FUNCTIONS", List.of(grant("app_writer", "EXECUTE"))),
                new DefaultPrivileges(null, "app", "SEQUENCES", List.of(grant("app_reader", "USAGE"))),
                new DefaultPrivileges(null, "app", "TABLES", List.of(grant("app_reader", "SELECT"),
                        new Grant("app_writer", List.of("INSERT"), List.of("INSERT")))),
                new DefaultPrivileges(null, "app", "TYPES", List.of(grant(Grant.PUBLIC, "USAGE"))));
    }

    @Test
    void privilegesOfTheIgnoredTableAndItsSequenceAreLeftOut(TestDatabase db) throws Exception {
        db.execute("create table __drizzle_migrations (id serial primary key, hash text);"
                + " grant select on __drizzle_migrations to app_reader; grant select (hash) on __drizzle_migrations to app_writer;"
                + " grant usage on sequence __drizzle_migrations_id_seq to app_reader;"
                + " create table kept (id int); grant select on kept to app_reader;");

        SchemaModel model;
        try (Connection connection = db.connect()) {
            model = Introspector.introspect(connection, List.of("public"), Set.of(name("public", "__drizzle_migrations")));
        }

        assertThat(model.all(ObjectKind.PRIVILEGES)).extracting(Privileges::object).containsExactly("table public.kept");
    }

    @Test
    void ignoredTableIsLeftOutWithItsTriggersPoliciesAndRowSecurity(TestDatabase db) throws Exception {
        db.execute("""
                create table __drizzle_migrations (id serial primary key, hash text);
                create function noop() returns trigger language plpgsql as $$ begin return null; end $$;
                create trigger tracked after insert on __drizzle_migrations for each row execute function noop();
                alter table __drizzle_migrations enable row level security;
                create policy tracked on __drizzle_migrations using (true);
                """);

        SchemaModel model;
        try (Connection connection = db.connect()) {
            model = Introspector.introspect(connection, List.of("public"), Set.of(name("public", "__drizzle_migrations")));
        }

        assertThat(model.all(ObjectKind.TRIGGERS)).isEmpty();
        assertThat(model.all(ObjectKind.POLICIES)).isEmpty();
        assertThat(model.all(ObjectKind.ROW_SECURITY)).isEmpty();
        assertThat(model.functions()).extracting(r -> r.name().name()).containsExactly("noop");
    }

    @Test
    void triggersCarryDefinitionStateAndCommentButNotForeignKeysOrPartitionsCopies(TestDatabase db) throws Exception {
        db.execute("""
                create table parent (id int primary key);
                create table t (id int primary key, a text, b int, parent_id int references parent);
                create function touch() returns trigger language plpgsql as $$ begin return new; end $$;
                create trigger t_touch before insert or update of a, b on t for each row when (new.a is not null)
                  execute function touch();
                alter table t disable trigger t_touch;
                comment on trigger t_touch on t is 'bumps';
                create constraint trigger t_check after insert on t deferrable initially deferred for each row
                  execute function touch();
                create trigger t_rows after insert on t referencing new table as added for each statement
                  execute function touch('x');
                alter table t enable always trigger t_rows;
                create table pt (id int, k text) partition by list (k);
                create table pt_a partition of pt for values in ('a');
                create trigger pt_row after insert on pt for each row execute function touch();
                alter table pt_a enable replica trigger pt_row;
                create view tv as select id, a from t;
                create trigger tv_insert instead of insert on tv for each row execute function touch();
                """);

        SchemaModel model = introspect(db, "public");

        assertThat(model.all(ObjectKind.TRIGGERS)).containsExactly(
                new Trigger(name("public", "pt"), "pt_row", "CREATE TRIGGER pt_row AFTER INSERT ON public.pt FOR EACH ROW"
                        + " EXECUTE FUNCTION public.touch()", TriggerState.ENABLED, false, null),
                new Trigger(name("public", "t"), "t_check", "CREATE CONSTRAINT TRIGGER t_check AFTER INSERT ON public.t"
                        + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.touch()",
                        TriggerState.ENABLED, true, null),
                new Trigger(name("public", "t"), "t_rows", "CREATE TRIGGER t_rows AFTER INSERT ON public.t REFERENCING NEW"
                        + " TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION public.touch('x')", TriggerState.ALWAYS,
                        false, null),
                new Trigger(name("public", "t"), "t_touch", "CREATE TRIGGER t_touch BEFORE INSERT OR UPDATE OF a, b ON"
                        + " public.t FOR EACH ROW WHEN ((new.a IS NOT NULL)) EXECUTE FUNCTION public.touch()",
                        TriggerState.DISABLED, false, "bumps"),
                new Trigger(name("public", "tv"), "tv_insert", "CREATE TRIGGER tv_insert INSTEAD OF INSERT ON public.tv"
                        + " FOR EACH ROW EXECUTE FUNCTION public.touch()", TriggerState.ENABLED, false, null));
        assertThat(model.dependencies()).map(Dependency::toString).contains(
                "trigger public.t.t_touch -> function public.touch()",
                "trigger public.t.t_touch -> column public.t.a",
                "trigger public.t.t_touch -> column public.t.b",
                "trigger public.tv.tv_insert -> function public.touch()");
        assertThat(model.dependencies()).map(Dependency::toString).noneMatch(d -> d.contains("pt_a"));
    }

    @Test
    void eventTriggersAreReadWhenTheirFunctionIsInAManagedSchema(TestDatabase db) throws Exception {
        db.execute("""
                create schema ops;
                create function on_ddl() returns event_trigger language plpgsql as $$ begin end $$;
                create function ops.on_drop() returns event_trigger language plpgsql as $$ begin end $$;
                create event trigger log_ddl on ddl_command_end when tag in ('DROP TABLE', 'CREATE TABLE')
                  execute function on_ddl();
                alter event trigger log_ddl enable always;
                comment on event trigger log_ddl is 'logs';
                create event trigger every_start on ddl_command_start execute function on_ddl();
                create event trigger ops_drop on sql_drop execute function ops.on_drop();
                """);

        SchemaModel model = introspect(db, "public");

        assertThat(model.all(ObjectKind.EVENT_TRIGGERS)).containsExactly(
                new EventTrigger("every_start", "ddl_command_start", List.of(), name("public", "on_ddl"),
                        TriggerState.ENABLED, null),
                new EventTrigger("log_ddl", "ddl_command_end", List.of("DROP TABLE", "CREATE TABLE"),
                        name("public", "on_ddl"), TriggerState.ALWAYS, "logs"));
        assertThat(model.dependencies()).map(Dependency::toString)
                .contains("event trigger log_ddl -> function public.on_ddl()");
        assertThat(introspect(db, "public", "ops").all(ObjectKind.EVENT_TRIGGERS)).extracting(EventTrigger::name)
                .containsExactly("every_start", "log_ddl", "ops_drop");
    }

    @Test
    void policiesCarryCommandRolesAndExpressionsAndTablesTheirRowSecurity(TestDatabase db) throws Exception {
        db.execute("""
                create table t (id int, owner text, b int);
                create table open_t (id int);
                create table only_forced (id int);
                alter table t enable row level security;
                alter table t force row level security;
                alter table only_forced force row level security;
                create function can_see(x int) returns boolean language sql stable as $$ select x > 0 $$;
                create policy t_read on t as restrictive for select to app_writer, app_reader using (can_see(b));
                comment on policy t_read on t is 'readers';
                create policy t_all on t with check (owner = current_user);
                create policy t_delete on open_t for delete to app_admin using (id > 0);
                """);

        SchemaModel model = introspect(db, "public");

        assertThat(model.all(ObjectKind.ROW_SECURITY)).containsExactly(
                new RowSecurity(name("public", "only_forced"), false, true),
                new RowSecurity(name("public", "t"), true, true));
        assertThat(model.all(ObjectKind.POLICIES)).containsExactly(
                new Policy(name("public", "open_t"), "t_delete", true, Policy.Command.DELETE, List.of("app_admin"),
                        "(id > 0)", null, null),
                new Policy(name("public", "t"), "t_all", true, Policy.Command.ALL, List.of("public"), null,
                        "(owner = CURRENT_USER)", null),
                new Policy(name("public", "t"), "t_read", false, Policy.Command.SELECT, List.of("app_reader", "app_writer"),
                        "public.can_see(b)", null, "readers"));
        assertThat(model.dependencies()).map(Dependency::toString).contains(
                "policy public.t.t_read -> function public.can_see(integer)",
                "policy public.t.t_read -> column public.t.b",
                "policy public.t.t_all -> column public.t.owner");
    }

    @Test
    void namesAreStoredAsTheCatalogHasThemAndTypesQuotedWhereSqlNeedsIt(TestDatabase db) throws Exception {
        db.execute("""
                create schema "My App";
                create type "My App"."Mood" as enum ('ok');
                create table "My App"."Users" ("Id" int primary key, "the mood" "My App"."Mood");
                """);

        Table users = table(introspect(db, "My App"), "My App", "Users");

        assertThat(users.columns()).extracting(Column::name, Column::type)
                .containsExactly(tuple("Id", "integer"),
                        tuple("the mood", "\"My App\".\"Mood\""));
        assertThat(users.constraint("Users_pkey").orElseThrow().definition()).isEqualTo("PRIMARY KEY (\"Id\")");
    }

    @Test
    void theCallersSearchPathChangesNothingInTheModel(TestDatabase db) throws Exception {
        db.execute("create schema app; create type app.mood as enum ('ok');"
                + " create table app.t (id serial, m app.mood default 'ok'); create view app.v as select m from app.t");
        SchemaModel withDefaultPath = introspect(db, "app");

        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("set search_path = app, public");
            SchemaModel withAppOnPath = Introspector.introspect(connection, List.of("app"));

            assertThat(withAppOnPath).isEqualTo(withDefaultPath);
            assertThat(withAppOnPath.table(name("app", "t")).orElseThrow().column("m").orElseThrow().type())
                    .isEqualTo("app.mood");
        }
    }

    @Test
    void theCallersConnectionIsLeftAsItWas(TestDatabase db) throws Exception {
        db.execute("create schema app; create table app.t (id int)");
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("set search_path = app, public");

            Introspector.introspect(connection, List.of("app"));
            assertThat(connection.getAutoCommit()).isTrue();
            assertThat(searchPath(statement)).isEqualTo("app, public");

            connection.setAutoCommit(false);
            statement.execute("insert into app.t values (1)");
            Introspector.introspect(connection, List.of("app"));
            assertThat(searchPath(statement)).isEqualTo("app, public");
            connection.commit();
            connection.setAutoCommit(true);
        }
        assertThat(db.queryStrings("select id from app.t")).as("the caller's transaction was not ended").containsExactly("1");
    }

    private static String searchPath(Statement statement) throws Exception {
        try (ResultSet rows = statement.executeQuery("show search_path")) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void theNumberOfCatalogQueriesDoesNotGrowWithTheNumberOfTables(TestDatabase one, TestDatabase fifty) throws Exception {
        one.execute(tablesWithEverything(1));
        fifty.execute(tablesWithEverything(50));

        CountingConnection.Result forOne = CountingConnection.introspect(one, List.of("public"));
        CountingConnection.Result forFifty = CountingConnection.introspect(fifty, List.of("public"));

        assertThat(forOne.model().tables()).hasSize(1);
        assertThat(forFifty.model().tables()).hasSize(50);
        assertThat(forFifty.model().views()).hasSize(50);
        assertThat(forFifty.model().all(ObjectKind.TRIGGERS)).hasSize(50);
        assertThat(forFifty.model().all(ObjectKind.POLICIES)).hasSize(50);
        assertThat(forFifty.model().all(ObjectKind.ROW_SECURITY)).hasSize(50);
        assertThat(forFifty.model().all(ObjectKind.EVENT_TRIGGERS)).hasSize(1);
        assertThat(forFifty.model().all(ObjectKind.PRIVILEGES)).hasSize(151);
        assertThat(forFifty.model().all(ObjectKind.DEFAULT_PRIVILEGES)).hasSize(1);
        assertThat(forOne.model().domains()).hasSize(1);
        assertThat(forOne.model().extensions()).hasSize(1);
        assertThat(forOne.queries()).as("one query per object kind, plus setting the search path").isEqualTo(23);
        assertThat(forFifty.queries()).isEqualTo(forOne.queries());
    }

    private static String tablesWithEverything(int count) {
        StringBuilder sql = new StringBuilder("create type kind as enum ('a', 'b');"
                + "create function touch() returns trigger language plpgsql as $$ begin return new; end $$;"
                + "create function on_ddl() returns event_trigger language plpgsql as $$ begin end $$;"
                + "create event trigger log_ddl on ddl_command_end execute function on_ddl();"
                + " alter default privileges in schema public grant select on tables to app_reader;"
                + " grant usage on type kind to app_writer;"
                + " create extension citext; create collation ci (provider = icu, locale = 'und-u-ks-level2',"
                + " deterministic = false); create domain code as citext check (value <> '');"
                + " create type pair as (a code, b text collate ci); create type floats as range (subtype = float8);");
        for (int i = 0; i < count; i++) {
            sql.append("create table t").append(i).append(" (id serial primary key, k kind, name text unique,"
                            + " parent int references t").append(i).append(", n int generated always as identity,"
                            + " c code, p pair, r floats);")
                    .append("create index t").append(i).append("_name on t").append(i).append(" (lower(name));")
                    .append("comment on table t").append(i).append(" is 'table ").append(i).append("';")
                    .append("create view v").append(i).append(" as select id from t").append(i).append(";")
                    .append("create trigger t").append(i).append("_touch before update of name on t").append(i)
                    .append(" for each row when (new.name <> '') execute function touch();")
                    .append("alter table t").append(i).append(" enable row level security;")
                    .append("create policy t").append(i).append("_read on t").append(i).append(" to app_reader using (k = 'a');")
                    .append("grant update (name) on t").append(i).append(" to app_writer;");
        }
        return sql.toString();
    }
}
