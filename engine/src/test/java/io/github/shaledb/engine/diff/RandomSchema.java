package io.github.shaledb.engine.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A seeded random schema (an enum, a few tables with columns, indexes, checks, a foreign key to the first
 * table, views, functions used by checks, expression indexes and views, a domain, triggers, row-level
 * security with a policy, grants) and random mutations of it: the generator behind the random schema-pair tests.
 */
public final class RandomSchema {
    static final int PAIRS_PER_BATCH = 10;
    private static final String[] TYPES = {"int", "bigint", "text", "varchar(20)", "boolean", "numeric(10,2)", "date", "mood",
        "amount"};
    /** What a table may grant: privilege and role (the test server has the roles). */
    private static final String[] GRANTS = {"select:app_reader", "insert, update:app_writer", "delete:app_admin"};

    /** A schema pair: {@code before}, and {@code after} = 1 to 4 random mutations of it. */
    public record Pair(String before, String after) {
    }

    private final List<String> labels = new ArrayList<>();
    private final List<Tab> tables = new ArrayList<>();
    private final List<Fn> functions = new ArrayList<>();
    /** The lower bound the domain {@code amount} checks. */
    private int amountMin;
    private int counter;

    /** The next pair from the random source; the same seed gives the same pairs. */
    public static Pair pair(Random random) {
        RandomSchema before = generate(random);
        RandomSchema after = before.copy();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            after.mutate(random);
        }
        return new Pair(before.sql(), after.sql());
    }

    /** {@code batch} of the pairs from the random source, named by the pairs it holds and the seed that replays them. */
    public record Batch(String name, Pair pair) {
    }

    /**
     * {@code pairs} pairs from {@code -Dshale.randomSeed} (default a fixed seed, so that every run checks
     * the same ones), {@value #PAIRS_PER_BATCH} per {@link #batch}.
     */
    public static List<Batch> batches(int pairs) {
        long seed = Long.getLong("shale.randomSeed", 20261124L);
        Random random = new Random(seed);
        List<Batch> batches = new ArrayList<>();
        for (int first = 0; first < pairs; first += PAIRS_PER_BATCH) {
            int last = Math.min(pairs, first + PAIRS_PER_BATCH) - 1;
            batches.add(new Batch("pairs " + first + "-" + last + " of -Dshale.randomSeed=" + seed,
                    batch(random, last - first + 1)));
        }
        return batches;
    }

    /**
     * The next {@code count} pairs side by side, pair {@code i} in its own schema {@code r<i>} (each
     * pair's SQL preceded by {@code create schema r<i>; set search_path = r<i>;}), so that one pair of
     * databases checks them all: a schema change never reaches into another schema.
     */
    public static Pair batch(Random random, int count) {
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        for (int i = 0; i < count; i++) {
            Pair pair = pair(random);
            String header = "create schema r" + i + ";\nset search_path = r" + i + ";\n";
            before.append(header).append(pair.before());
            after.append(header).append(pair.after());
        }
        return new Pair(before.toString(), after.toString());
    }

    static RandomSchema generate(Random random) {
        RandomSchema s = new RandomSchema();
        s.labels.addAll(List.of("a", "b", "c"));
        int tables = 1 + random.nextInt(3);
        for (int i = 0; i < tables; i++) {
            s.addTable(random);
        }
        if (random.nextBoolean()) {
            s.addFunction(random);
        }
        return s;
    }

    RandomSchema copy() {
        RandomSchema s = new RandomSchema();
        s.labels.addAll(labels);
        tables.forEach(t -> s.tables.add(t.copy()));
        s.functions.addAll(functions);
        s.amountMin = amountMin;
        s.counter = counter + 100;
        return s;
    }

    void addTable(Random random) {
        Tab t = new Tab("t" + counter++);
        int columns = 1 + random.nextInt(4);
        for (int c = 0; c < columns; c++) {
            t.columns.add(randomColumn(random));
        }
        if (random.nextBoolean()) {
            t.indexed.add(t.columns.get(0).name());
        }
        t.referencesFirst = !tables.isEmpty() && random.nextBoolean();
        t.view = random.nextInt(3) == 0;
        tables.add(t);
    }

    /** A function of the row id, used (or not) by a table's check, an expression index and its view. */
    void addFunction(Random random) {
        Fn f = new Fn("f" + counter++, random.nextBoolean(), random.nextInt(9));
        functions.add(f);
        useFunction(f, tables.get(random.nextInt(tables.size())), random);
    }

    private static void useFunction(Fn f, Tab t, Random random) {
        switch (random.nextInt(3)) {
            case 0 -> t.fnCheck = f.name();
            case 1 -> t.fnIndex = f.name();
            default -> {
                t.fnView = f.name();
                t.view = true;
            }
        }
    }

    /** Changes a function: its body (in place), its result type (dropped and created with its users), or drops it and its uses. */
    private void mutateFunction(Random random) {
        if (functions.isEmpty()) {
            addFunction(random);
            return;
        }
        int i = random.nextInt(functions.size());
        Fn f = functions.get(i);
        switch (random.nextInt(4)) {
            case 0 -> functions.set(i, new Fn(f.name(), f.bigint(), f.addend() + 1));
            case 1 -> functions.set(i, new Fn(f.name(), !f.bigint(), f.addend()));
            case 2 -> useFunction(f, tables.get(random.nextInt(tables.size())), random);
            default -> {
                functions.remove(i);
                for (Tab t : tables) {
                    t.fnCheck = f.name().equals(t.fnCheck) ? null : t.fnCheck;
                    t.fnIndex = f.name().equals(t.fnIndex) ? null : t.fnIndex;
                    t.fnView = f.name().equals(t.fnView) ? null : t.fnView;
                }
            }
        }
    }

    Col randomColumn(Random random) {
        String type = TYPES[random.nextInt(TYPES.length)];
        String defaultValue = type.equals("int") && random.nextBoolean() ? String.valueOf(random.nextInt(9)) : null;
        return new Col("c" + counter++, type, random.nextInt(4) == 0, defaultValue);
    }

    void mutate(Random random) {
        Tab t = tables.get(random.nextInt(tables.size()));
        switch (random.nextInt(16)) {
            case 0 -> addTable(random);
            case 1 -> {
                if (tables.size() > 1 && t != tables.get(0)) {
                    tables.remove(t);
                }
            }
            case 11 -> mutateFunction(random);
            case 12 -> {
                // A trigger, with or without a WHEN, or none.
                int choice = random.nextInt(3);
                t.trigger = choice == 0 ? null : choice == 1 ? "" : " when (new.id > " + random.nextInt(5) + ")";
            }
            case 13 -> {
                // Row-level security with a policy, another policy expression, or neither.
                t.policy = t.policy == null || random.nextBoolean() ? "id > " + random.nextInt(5) : null;
                t.forceRls = t.policy != null && random.nextBoolean();
            }
            case 14 -> {
                String grant = GRANTS[random.nextInt(GRANTS.length)];
                if (!t.grants.remove(grant)) {
                    t.grants.add(grant);
                }
            }
            case 15 -> amountMin = random.nextInt(3) - 1;
            case 2 -> t.columns.add(randomColumn(random));
            case 3 -> {
                if (t.columns.size() > 1) {
                    Col dropped = t.columns.remove(t.columns.size() - 1);
                    t.indexed.remove(dropped.name());
                }
            }
            case 4 -> replaceColumn(t, random, c -> new Col(c.name(), switch (c.type()) {
                case "int" -> "bigint";
                case "varchar(20)" -> "text";
                case "text" -> "varchar(30)";
                case "bigint" -> "numeric(10,2)";
                default -> c.type();
            }, c.notNull(), c.type().equals("int") ? null : c.defaultValue()));
            case 5 -> replaceColumn(t, random, c -> new Col(c.name(), c.type(), !c.notNull(), c.defaultValue()));
            case 6 -> {
                String column = t.columns.get(random.nextInt(t.columns.size())).name();
                if (!t.indexed.remove(column)) {
                    t.indexed.add(column);
                }
            }
            case 7 -> t.check = t.check == null ? "id > " + random.nextInt(5) : null;
            case 8 -> t.view = !t.view;
            case 9 -> labels.add(random.nextInt(labels.size() + 1), "v" + counter++);
            default -> {
                if (labels.size() > 1) {
                    labels.remove(random.nextInt(labels.size()));
                }
            }
        }
    }

    private static void replaceColumn(Tab t, Random random, java.util.function.UnaryOperator<Col> change) {
        int i = random.nextInt(t.columns.size());
        t.columns.set(i, change.apply(t.columns.get(i)));
    }

    String sql() {
        StringBuilder sql = new StringBuilder("create type mood as enum (")
                .append(labels.stream().map(l -> "'" + l + "'").collect(Collectors.joining(", "))).append(");\n")
                .append("create domain amount as numeric(12,2) constraint amount_check check (value >= ").append(amountMin)
                .append(");\n")
                .append("create function touch() returns trigger language plpgsql as $$ begin return new; end $$;\n");
        for (Fn f : functions) {
            String type = f.bigint() ? "bigint" : "int";
            sql.append("create function ").append(f.name()).append("(x int) returns ").append(type)
                    .append(" language sql immutable as $$ select x + ").append(f.addend()).append(" $$;\n");
        }
        for (Tab t : tables) {
            sql.append("create table ").append(t.name).append(" (id int primary key");
            if (t.referencesFirst && t != tables.get(0)) {
                sql.append(", ref int references ").append(tables.get(0).name).append(" on delete cascade");
            }
            for (Col c : t.columns) {
                sql.append(", ").append(c.name()).append(' ').append(c.type())
                        .append(c.notNull() ? " not null" : "")
                        .append(c.defaultValue() == null ? "" : " default " + c.defaultValue());
            }
            if (t.check != null) {
                sql.append(", constraint ").append(t.name).append("_check check (").append(t.check).append(')');
            }
            if (t.fnCheck != null) {
                sql.append(", constraint ").append(t.name).append("_fn_check check (").append(t.fnCheck)
                        .append("(id) > -1000)");
            }
            sql.append(");\n");
            if (t.fnIndex != null) {
                sql.append("create index ").append(t.name).append("_fn_idx on ").append(t.name).append(" (")
                        .append(t.fnIndex).append("(id));\n");
            }
            for (String column : t.indexed) {
                sql.append("create index ").append(t.name).append('_').append(column).append("_idx on ")
                        .append(t.name).append(" (").append(column).append(");\n");
            }
            if (t.trigger != null) {
                sql.append("create trigger ").append(t.name).append("_touch before update on ").append(t.name)
                        .append(" for each row").append(t.trigger).append(" execute function touch();\n");
            }
            if (t.policy != null) {
                sql.append("alter table ").append(t.name).append(" enable row level security;\n");
                if (t.forceRls) {
                    sql.append("alter table ").append(t.name).append(" force row level security;\n");
                }
                sql.append("create policy ").append(t.name).append("_p on ").append(t.name).append(" to app_reader using (")
                        .append(t.policy).append(");\n");
            }
            for (String grant : t.grants) {
                String[] parts = grant.split(":");
                sql.append("grant ").append(parts[0]).append(" on ").append(t.name).append(" to ").append(parts[1]).append(";\n");
            }
            if (t.view) {
                sql.append("create view ").append(t.name).append("_v as select id, ")
                        .append(t.columns.get(0).name()).append(t.fnView == null ? "" : ", " + t.fnView + "(id) as f")
                        .append(" from ").append(t.name).append(";\n");
            }
        }
        return sql.toString();
    }

    private record Col(String name, String type, boolean notNull, String defaultValue) {
    }

    private record Fn(String name, boolean bigint, int addend) {
    }

    private static final class Tab {
        final String name;
        final List<Col> columns = new ArrayList<>();
        final List<String> indexed = new ArrayList<>();
        String check;
        boolean referencesFirst;
        boolean view;
        String fnCheck;
        String fnIndex;
        String fnView;
        /** null: no trigger; else its WHEN clause ("" for none). */
        String trigger;
        /** null: no row-level security; else the policy's USING expression. */
        String policy;
        boolean forceRls;
        final List<String> grants = new ArrayList<>();

        Tab(String name) {
            this.name = name;
        }

        Tab copy() {
            Tab t = new Tab(name);
            t.columns.addAll(columns);
            t.indexed.addAll(indexed);
            t.check = check;
            t.referencesFirst = referencesFirst;
            t.view = view;
            t.fnCheck = fnCheck;
            t.fnIndex = fnIndex;
            t.fnView = fnView;
            t.trigger = trigger;
            t.policy = policy;
            t.forceRls = forceRls;
            t.grants.addAll(grants);
            return t;
        }
    }
}
