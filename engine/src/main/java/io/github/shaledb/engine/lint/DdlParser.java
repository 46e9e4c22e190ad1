package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.lint.DdlStatement.Kind;
import io.github.shaledb.engine.sql.SqlStatement;
import io.github.shaledb.engine.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a statement's tokens into a {@link DdlStatement}. Covers the forms the lint rules judge; anything else keeps
 * its tokens under {@link Kind#OTHER} or a generic {@code *_OTHER} kind.
 */
public final class DdlParser {

    private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of("constraint", "not", "null", "default",
            "primary", "unique", "references", "check", "generated", "collate", "deferrable", "initially");
    private static final Set<String> TABLE_CONSTRAINT_WORDS = Set.of("constraint", "primary", "unique", "foreign",
            "check", "exclude");

    private final List<SqlToken> t;
    private final SqlStatement sql;
    private final int index;
    private int p;

    private Kind kind = Kind.OTHER;
    private String table;
    private final List<String> tables = new ArrayList<>();
    private String objectName;
    private boolean concurrently;
    private boolean ifExists;
    private boolean unique;
    private boolean full;
    private boolean local;
    private String value;
    private boolean positioned;
    private final List<String> columns = new ArrayList<>();
    private final List<ColumnDef> columnDefs = new ArrayList<>();
    private final List<ConstraintDef> constraints = new ArrayList<>();
    private final List<TableAction> actions = new ArrayList<>();

    private DdlParser(SqlStatement sql, int index) {
        this.sql = sql;
        this.index = index;
        this.t = SqlToken.tokenize(sql.text());
    }

    /** @return the statement read; never null */
    public static DdlStatement parse(SqlStatement sql, int index) {
        DdlParser parser = new DdlParser(sql, index);
        parser.statement();
        return new DdlStatement(index, sql, parser.t, parser.kind, parser.table, parser.tables, parser.objectName,
                parser.concurrently, parser.ifExists, parser.unique, parser.full, parser.local, parser.value,
                parser.positioned, parser.columns, parser.columnDefs, parser.constraints, parser.actions);
    }

    // --- statements ---------------------------------------------------------------------------------------------

    private void statement() {
        if (t.isEmpty()) {
            return;
        }
        String first = word(0);
        p = 1;
        switch (first) {
            case "create" -> create();
            case "alter" -> alter();
            case "drop" -> drop();
            case "truncate" -> truncate();
            case "vacuum" -> vacuum();
            case "cluster" -> cluster();
            case "reindex" -> reindex();
            case "set" -> set();
            case "reset" -> { kind = Kind.RESET; objectName = word(1); }
            case "begin", "start" -> kind = Kind.BEGIN;
            case "commit", "end" -> kind = Kind.COMMIT;
            case "rollback", "abort" -> kind = Kind.ROLLBACK;
            case "lock" -> lock();
            case "insert" -> { kind = Kind.INSERT; p = 1; accept("into"); table = nameAt(); }
            case "update" -> { kind = Kind.UPDATE; accept("only"); table = nameAt(); }
            case "delete" -> { kind = Kind.DELETE; accept("from"); accept("only"); table = nameAt(); }
            case "copy" -> { kind = Kind.COPY; table = peekName() ? nameAt() : null; }
            case "select", "with", "values" -> kind = Kind.SELECT;
            case "comment" -> kind = Kind.COMMENT;
            case "grant", "revoke" -> kind = Kind.GRANT;
            case "refresh" -> refresh();
            default -> kind = Kind.OTHER;
        }
    }

    private void create() {
        accept("or", "replace");
        if (accept("unique")) {
            unique = true;
        }
        if (is("index")) {
            p++;
            createIndex();
            return;
        }
        // CREATE [GLOBAL|LOCAL] [TEMP|TEMPORARY|UNLOGGED] TABLE
        while (isAny("global", "local", "temp", "temporary", "unlogged")) {
            p++;
        }
        if (is("table")) {
            p++;
            ifExists = accept("if", "not", "exists");
            table = nameAt();
            if (is("as")) {
                kind = Kind.CREATE_TABLE_AS;
                return;
            }
            kind = Kind.CREATE_TABLE;
            if (isSymbol('(')) {
                createTableBody();
            } else if (isAny("of", "partition")) {
                // typed table or partition: no column list of its own to read
            }
            if (indexOfTop("as", p) >= 0 && columnDefs.isEmpty()) {
                kind = Kind.CREATE_TABLE_AS;
            }
            return;
        }
        while (isAny("temp", "temporary", "recursive", "materialized")) {
            p++;
        }
        if (is("view")) {
            kind = Kind.CREATE_VIEW;
            p++;
            ifExists = accept("if", "not", "exists");
            table = nameAt();
            return;
        }
        if (isAny("function", "procedure", "aggregate")) {
            kind = Kind.CREATE_FUNCTION;
            return;
        }
        if (is("constraint") && is(p + 1, "trigger") || is("trigger")) {
            kind = Kind.CREATE_TRIGGER;
            int on = indexOfTop("on", p);
            if (on >= 0) {
                p = on + 1;
                table = nameAt();
            }
            return;
        }
        if (is("domain")) {
            kind = Kind.CREATE_DOMAIN;
            p++;
            objectName = nameAt();
            return;
        }
        if (is("type")) {
            kind = Kind.CREATE_TYPE;
            p++;
            objectName = nameAt();
            return;
        }
        if (is("schema")) {
            kind = Kind.CREATE_SCHEMA;
            return;
        }
        if (is("sequence") || isAny("temp", "temporary", "unlogged") && is(p + 1, "sequence")) {
            kind = Kind.CREATE_SEQUENCE;
            return;
        }
        if (is("extension")) {
            kind = Kind.CREATE_EXTENSION;
            return;
        }
        kind = Kind.CREATE_OTHER;
    }

    private void createIndex() {
        kind = Kind.CREATE_INDEX;
        concurrently = accept("concurrently");
        ifExists = accept("if", "not", "exists");
        if (!is("on")) {
            objectName = identifierChain();
        }
        if (!accept("on")) {
            return;
        }
        accept("only");
        table = nameAt();
        if (objectName != null && !objectName.contains(".")) {
            objectName = schemaOf(table) + "." + objectName;
        }
        if (accept("using")) {
            p++;
        }
        if (isSymbol('(')) {
            int close = closing(p);
            for (List<SqlToken> element : split(p + 1, close)) {
                if (!element.isEmpty() && element.get(0).isName()
                        && (element.size() == 1 || !element.get(1).isSymbol('.') && element.get(1).kind() != SqlToken.Kind.OPEN_PAREN)) {
                    columns.add(element.get(0).identifier());
                }
            }
            p = close + 1;
        }
    }

    private void createTableBody() {
        int close = closing(p);
        for (List<SqlToken> element : split(p + 1, close)) {
            if (element.isEmpty()) {
                continue;
            }
            SqlToken head = element.get(0);
            if (head.kind() == SqlToken.Kind.WORD && TABLE_CONSTRAINT_WORDS.contains(head.text().toLowerCase(Locale.ROOT))) {
                constraints.add(new DdlParser(element).tableConstraint());
            } else if (head.is("like")) {
                continue;
            } else {
                columnDefs.add(new DdlParser(element).columnDef());
            }
        }
        p = close + 1;
    }

    private void alter() {
        if (is("table")) {
            p++;
            alterTable();
        } else if (is("index")) {
            kind = Kind.ALTER_INDEX;
            p++;
            ifExists = accept("if", "exists");
            objectName = nameAt();
        } else if (is("domain")) {
            p++;
            alterDomain();
        } else if (is("type")) {
            p++;
            alterType();
        } else {
            kind = Kind.ALTER_OTHER;
        }
    }

    private void alterTable() {
        kind = Kind.ALTER_TABLE;
        if (is("all")) {
            return;
        }
        ifExists = accept("if", "exists");
        accept("only");
        table = nameAt();
        if (isSymbol('*')) {
            p++;
        }
        int end = t.size();
        for (List<SqlToken> part : split(p, end)) {
            if (!part.isEmpty()) {
                actions.add(new DdlParser(part).tableAction(sql.text()));
            }
        }
    }

    private void alterDomain() {
        kind = Kind.ALTER_DOMAIN;
        objectName = nameAt();
        if (is("add")) {
            p++;
            ConstraintDef c = new DdlParser(t.subList(p, t.size())).tableConstraint();
            constraints.add(c);
            positioned = c.notValid();
        } else if (is("validate") && is(p + 1, "constraint")) {
            p += 2;
            value = word(p);
            positioned = false;
        } else if (is("drop") && is(p + 1, "constraint")) {
            p += 2;
            accept("if", "exists");
            value = word(p);
        }
    }

    private void alterType() {
        kind = Kind.ALTER_TYPE;
        objectName = nameAt();
        if (is("add") && is(p + 1, "value")) {
            p += 2;
            ifExists = accept("if", "not", "exists");
            if (p < t.size()) {
                value = literal(t.get(p));
                p++;
            }
            positioned = isAny("before", "after");
        }
    }

    private void drop() {
        if (is("index")) {
            kind = Kind.DROP_INDEX;
            p++;
            concurrently = accept("concurrently");
            ifExists = accept("if", "exists");
            objectName = nameAt();
            return;
        }
        if (is("table") || is("foreign") && is(p + 1, "table")) {
            kind = Kind.DROP_TABLE;
            p += is("foreign") ? 2 : 1;
            ifExists = accept("if", "exists");
            names(tables);
            table = tables.size() == 1 ? tables.get(0) : null;
            return;
        }
        if (is("schema")) {
            kind = Kind.DROP_SCHEMA;
            p++;
            ifExists = accept("if", "exists");
            objectName = word(p);
            return;
        }
        kind = Kind.DROP_OTHER;
        while (p < t.size() && !isAny("if") && !t.get(p).isName()) {
            p++;
        }
        int afterKind = p;
        while (p < t.size() && t.get(p).kind() == SqlToken.Kind.WORD && !is("if") && p < afterKind + 2) {
            p++;
        }
        ifExists = indexOfTop("exists", 1) > 0;
    }

    private void truncate() {
        kind = Kind.TRUNCATE;
        accept("table");
        accept("only");
        names(tables);
        table = tables.size() == 1 ? tables.get(0) : null;
    }

    private void vacuum() {
        kind = Kind.VACUUM;
        if (isSymbol('(')) {
            int close = closing(p);
            for (List<SqlToken> option : split(p + 1, close)) {
                if (!option.isEmpty() && option.get(0).is("full")
                        && (option.size() == 1 || !option.get(1).is("false") && !option.get(1).is("off")
                        && !(option.get(1).kind() == SqlToken.Kind.NUMBER && option.get(1).text().equals("0")))) {
                    full = true;
                }
            }
            p = close + 1;
        }
        while (isAny("full", "freeze", "verbose", "analyze", "analyse")) {
            full |= is("full");
            p++;
        }
        if (peekName()) {
            names(tables);
            table = tables.size() == 1 ? tables.get(0) : null;
        }
    }

    private void cluster() {
        kind = Kind.CLUSTER;
        if (isSymbol('(')) {
            p = closing(p) + 1;
        }
        accept("verbose");
        if (peekName()) {
            table = nameAt();
        }
    }

    private void reindex() {
        kind = Kind.REINDEX;
        if (isSymbol('(')) {
            int close = closing(p);
            for (List<SqlToken> option : split(p + 1, close)) {
                if (!option.isEmpty() && option.get(0).is("concurrently")
                        && (option.size() == 1 || !option.get(1).is("false") && !option.get(1).is("off"))) {
                    concurrently = true;
                }
            }
            p = close + 1;
        }
        String target = word(p);
        p++;
        concurrently |= accept("concurrently");
        String name = peekName() ? nameAt() : null;
        if ("index".equals(target)) {
            objectName = name;
        } else if ("table".equals(target)) {
            table = name;
        } else {
            objectName = name;
            value = target;
        }
    }

    private void set() {
        kind = Kind.SET;
        if (accept("local")) {
            local = true;
        } else {
            accept("session");
        }
        if (is("transaction") || is("constraints") || is("role") || is("session")) {
            objectName = word(p);
            return;
        }
        objectName = identifierChain();
        if (p < t.size() && (is("to") || isSymbol('='))) {
            p++;
            StringBuilder v = new StringBuilder();
            for (int i = p; i < t.size(); i++) {
                v.append(i > p ? " " : "").append(t.get(i).text());
            }
            value = v.toString();
        }
    }

    private void lock() {
        kind = Kind.LOCK;
        accept("table");
        accept("only");
        names(tables);
        table = tables.size() == 1 ? tables.get(0) : null;
        if (accept("in")) {
            StringBuilder mode = new StringBuilder();
            while (p < t.size() && !is("mode") && !is("nowait")) {
                mode.append(mode.length() > 0 ? " " : "").append(word(p));
                p++;
            }
            value = mode.toString().toUpperCase(Locale.ROOT);
        } else {
            value = "ACCESS EXCLUSIVE";
        }
    }

    private void refresh() {
        kind = Kind.REFRESH_MATERIALIZED_VIEW;
        accept("materialized");
        accept("view");
        concurrently = accept("concurrently");
        table = nameAt();
    }

    // --- parts: actions, columns, constraints (parsed by a parser over the part's tokens) -----------------------

    private DdlParser(List<SqlToken> part) {
        this.t = part;
        this.sql = null;
        this.index = -1;
    }

    private TableAction tableAction(String statementText) {
        String text = t.isEmpty() ? "" : statementText.substring(t.get(0).offset(),
                t.get(t.size() - 1).offset() + t.get(t.size() - 1).text().length());
        p = 0;
        if (accept("add")) {
            if (isAny("constraint", "primary", "unique", "foreign", "check", "exclude") && !is("column")) {
                ConstraintDef c = tableConstraint();
                return action(TableAction.Type.ADD_CONSTRAINT, null, null, c, null, false, c.name(), false, false, text);
            }
            accept("column");
            boolean ifNotExists = accept("if", "not", "exists");
            ColumnDef column = new DdlParser(t.subList(p, t.size())).columnDef();
            return action(TableAction.Type.ADD_COLUMN, column.name(), column, null, null, false, null, false, ifNotExists, text);
        }
        if (accept("drop")) {
            if (accept("constraint")) {
                boolean ifEx = accept("if", "exists");
                return action(TableAction.Type.DROP_CONSTRAINT, null, null, null, null, false, word(p), false, ifEx, text);
            }
            accept("column");
            boolean ifEx = accept("if", "exists");
            return action(TableAction.Type.DROP_COLUMN, ident(p), null, null, null, false, null, false, ifEx, text);
        }
        if (accept("alter")) {
            accept("column");
            String column = ident(p);
            p++;
            if (accept("set", "data", "type") || accept("type")) {
                int using = indexOfTop("using", p);
                int end = using >= 0 ? using : stopAt(p, "collate");
                return action(TableAction.Type.ALTER_COLUMN_TYPE, column, null, null, typeText(p, end), using >= 0,
                        null, false, false, text);
            }
            if (accept("set", "not", "null")) {
                return action(TableAction.Type.SET_NOT_NULL, column, null, null, null, false, null, false, false, text);
            }
            if (accept("drop", "not", "null")) {
                return action(TableAction.Type.DROP_NOT_NULL, column, null, null, null, false, null, false, false, text);
            }
            if (accept("set", "default")) {
                return action(TableAction.Type.SET_DEFAULT, column, null, null, null, false, rest(p), false, false, text);
            }
            if (accept("drop", "default")) {
                return action(TableAction.Type.DROP_DEFAULT, column, null, null, null, false, null, false, false, text);
            }
            if (accept("drop", "expression")) {
                return action(TableAction.Type.DROP_EXPRESSION, column, null, null, null, false, null, false, false, text);
            }
            if (is("add") && is(p + 1, "generated")) {
                return action(TableAction.Type.ADD_IDENTITY, column, null, null, null, false, null, false, false, text);
            }
            if (is("set") && is(p + 1, "expression")) {
                return action(TableAction.Type.ADD_GENERATED, column, null, null, null, false, null, false, false, text);
            }
            if (is("set") && is(p + 1, "statistics")) {
                return action(TableAction.Type.SET_STATISTICS, column, null, null, null, false, null, false, false, text);
            }
            if (is("set") && isAny(p + 1, "storage", "compression")) {
                return action(TableAction.Type.SET_STORAGE, column, null, null, null, false, null, false, false, text);
            }
            return action(TableAction.Type.OTHER, column, null, null, null, false, null, false, false, text);
        }
        if (accept("validate", "constraint")) {
            return action(TableAction.Type.VALIDATE_CONSTRAINT, null, null, null, null, false, word(p), false, false, text);
        }
        if (accept("rename")) {
            if (accept("to")) {
                return action(TableAction.Type.RENAME_TABLE, null, null, null, null, false, ident(p), false, false, text);
            }
            if (accept("constraint")) {
                String from = ident(p);
                return action(TableAction.Type.RENAME_CONSTRAINT, from, null, null, null, false, ident(p + 2), false, false, text);
            }
            accept("column");
            String from = ident(p);
            return action(TableAction.Type.RENAME_COLUMN, from, null, null, null, false, ident(p + 2), false, false, text);
        }
        if (accept("set", "schema")) {
            return action(TableAction.Type.SET_SCHEMA, null, null, null, null, false, ident(p), false, false, text);
        }
        if (accept("attach", "partition")) {
            return action(TableAction.Type.ATTACH_PARTITION, null, null, null, null, false, nameAt(), false, false, text);
        }
        if (accept("detach", "partition")) {
            String partition = nameAt();
            boolean conc = accept("concurrently");
            return action(TableAction.Type.DETACH_PARTITION, null, null, null, null, false, partition, conc, false, text);
        }
        if (is("set") && is(p + 1, "(") || is("reset")) {
            return action(TableAction.Type.SET_OPTIONS, null, null, null, null, false, null, false, false, text);
        }
        if (isAny("enable", "disable", "force", "no") && indexOfTop("security", p) > 0) {
            return action(TableAction.Type.ROW_LEVEL_SECURITY, null, null, null, null, false, null, false, false, text);
        }
        if (isAny("enable", "disable") && (is(p + 1, "trigger") || is(p + 2, "trigger"))) {
            return action(TableAction.Type.TRIGGER_STATE, null, null, null, null, false, null, false, false, text);
        }
        if (is("cluster") || is("set") && is(p + 1, "without")) {
            return action(TableAction.Type.CLUSTER_ON, null, null, null, null, false, null, false, false, text);
        }
        if (is("set") && is(p + 1, "tablespace")) {
            return action(TableAction.Type.SET_TABLESPACE, null, null, null, null, false, null, false, false, text);
        }
        if (is("set") && isAny(p + 1, "logged", "unlogged")) {
            return action(TableAction.Type.SET_LOGGED, null, null, null, null, false, null, false, false, text);
        }
        if (is("owner")) {
            return action(TableAction.Type.OWNER, null, null, null, null, false, null, false, false, text);
        }
        return action(TableAction.Type.OTHER, null, null, null, null, false, null, false, false, text);
    }

    private static TableAction action(TableAction.Type type, String column, ColumnDef def, ConstraintDef constraint,
                                      String dataType, boolean using, String name, boolean concurrently,
                                      boolean ifExists, String text) {
        return new TableAction(type, column, def, constraint, dataType, using, name, concurrently, ifExists, text);
    }

    /** {@code name type [constraints…]} over this parser's tokens. */
    private ColumnDef columnDef() {
        p = 0;
        String name = ident(0);
        p = 1;
        int typeEnd = p;
        int depth = t.isEmpty() ? 0 : t.get(0).depth();
        while (typeEnd < t.size() && !(t.get(typeEnd).depth() == depth && t.get(typeEnd).kind() == SqlToken.Kind.WORD
                && COLUMN_CONSTRAINT_WORDS.contains(t.get(typeEnd).text().toLowerCase(Locale.ROOT)))) {
            typeEnd++;
        }
        String type = typeEnd > p ? typeText(p, typeEnd) : null;
        p = typeEnd;
        String defaultExpr = null;
        boolean notNull = false;
        boolean primaryKey = false;
        boolean uniq = false;
        ConstraintDef references = null;
        String check = null;
        boolean stored = false;
        boolean identity = false;
        while (p < t.size()) {
            if (accept("constraint")) {
                p++;
            } else if (accept("not", "null")) {
                notNull = true;
            } else if (accept("null")) {
                notNull = false;
            } else if (accept("default")) {
                int end = nextConstraintWord(p);
                defaultExpr = rest(p, end);
                p = end;
            } else if (accept("primary", "key")) {
                primaryKey = true;
                notNull = true;
                skipIndexParameters();
            } else if (accept("unique")) {
                uniq = true;
                accept("nulls", "not", "distinct");
                accept("nulls", "distinct");
                skipIndexParameters();
            } else if (accept("references")) {
                String ref = nameAt();
                List<String> refColumns = isSymbol('(') ? identList() : List.of();
                references = new ConstraintDef(null, ConstraintDef.Type.FOREIGN_KEY, List.of(name), ref, refColumns,
                        false, null, null);
                p = nextConstraintWord(p);
            } else if (accept("check")) {
                int close = isSymbol('(') ? closing(p) : p;
                check = rest(p, close + 1);
                p = close + 1;
                accept("no", "inherit");
            } else if (accept("generated")) {
                int end = nextConstraintWord(p);
                if (indexOfTop("identity", p) >= 0 && indexOfTop("identity", p) < Math.max(end, p + 4)) {
                    identity = true;
                    end = indexOfTop("identity", p) + 1;
                    if (end < t.size() && isSymbol(end, '(')) {
                        end = closing(end) + 1;
                    }
                } else {
                    int as = indexOfTop("as", p);
                    int close = as >= 0 && isSymbol(as + 1, '(') ? closing(as + 1) : end - 1;
                    stored = !is(close + 1, "virtual");
                    end = close + 1;
                    if (is(end, "stored") || is(end, "virtual")) {
                        end++;
                    }
                }
                p = end;
            } else {
                p++;
            }
        }
        return new ColumnDef(name, type, defaultExpr, notNull, primaryKey, uniq, references, check, stored, identity);
    }

    /** {@code [CONSTRAINT name] PRIMARY KEY|UNIQUE|FOREIGN KEY|CHECK|EXCLUDE …} over this parser's tokens, from p. */
    private ConstraintDef tableConstraint() {
        String name = null;
        if (accept("constraint")) {
            name = ident(p);
            p++;
        }
        boolean notValid = indexOfTop("valid", p) > 0 && is(indexOfTop("valid", p) - 1, "not");
        if (accept("primary", "key") || is("unique")) {
            boolean isUnique = accept("unique");
            ConstraintDef.Type type = isUnique ? ConstraintDef.Type.UNIQUE : ConstraintDef.Type.PRIMARY_KEY;
            accept("nulls", "not", "distinct");
            accept("nulls", "distinct");
            if (accept("using", "index")) {
                return new ConstraintDef(name, type, List.of(), null, List.of(), notValid, ident(p), null);
            }
            List<String> cols = isSymbol('(') ? identList() : List.of();
            return new ConstraintDef(name, type, cols, null, List.of(), notValid, null, null);
        }
        if (accept("foreign", "key")) {
            List<String> cols = isSymbol('(') ? identList() : List.of();
            accept("references");
            String ref = p < t.size() ? nameAt() : null;
            List<String> refCols = isSymbol('(') ? identList() : List.of();
            return new ConstraintDef(name, ConstraintDef.Type.FOREIGN_KEY, cols, ref, refCols, notValid, null, null);
        }
        if (accept("check")) {
            int close = isSymbol('(') ? closing(p) : p;
            return new ConstraintDef(name, ConstraintDef.Type.CHECK, List.of(), null, List.of(), notValid, null,
                    rest(p, close + 1));
        }
        if (accept("exclude")) {
            return new ConstraintDef(name, ConstraintDef.Type.EXCLUDE, List.of(), null, List.of(), notValid, null, null);
        }
        if (accept("not", "null")) {
            List<String> cols = p < t.size() && t.get(p).isName() ? List.of(ident(p)) : List.of();
            return new ConstraintDef(name, ConstraintDef.Type.NOT_NULL, cols, null, List.of(), notValid, null, null);
        }
        return new ConstraintDef(name, ConstraintDef.Type.CHECK, List.of(), null, List.of(), notValid, null, rest(p));
    }

    // --- token helpers ------------------------------------------------------------------------------------------

    private String word(int i) {
        return i < t.size() && t.get(i).kind() == SqlToken.Kind.WORD ? t.get(i).text().toLowerCase(Locale.ROOT)
                : i < t.size() ? t.get(i).identifier() : "";
    }

    private String ident(int i) {
        return i < t.size() ? t.get(i).identifier() : null;
    }

    private boolean is(String keyword) {
        return is(p, keyword);
    }

    private boolean is(int i, String keyword) {
        if (i < 0 || i >= t.size()) {
            return false;
        }
        if (keyword.length() == 1 && !Character.isLetter(keyword.charAt(0))) {
            return isSymbol(i, keyword.charAt(0));
        }
        return t.get(i).is(keyword);
    }

    private boolean isAny(String... keywords) {
        return isAny(p, keywords);
    }

    private boolean isAny(int i, String... keywords) {
        for (String keyword : keywords) {
            if (is(i, keyword)) {
                return true;
            }
        }
        return false;
    }

    private boolean isSymbol(char c) {
        return isSymbol(p, c);
    }

    private boolean isSymbol(int i, char c) {
        if (i < 0 || i >= t.size()) {
            return false;
        }
        SqlToken token = t.get(i);
        return c == '(' ? token.kind() == SqlToken.Kind.OPEN_PAREN
                : c == ')' ? token.kind() == SqlToken.Kind.CLOSE_PAREN : token.isSymbol(c);
    }

    /** Consumes the keywords if they all follow at p. */
    private boolean accept(String... keywords) {
        for (int i = 0; i < keywords.length; i++) {
            if (!is(p + i, keywords[i])) {
                return false;
            }
        }
        p += keywords.length;
        return true;
    }

    private boolean peekName() {
        return p < t.size() && t.get(p).isName();
    }

    /** A possibly qualified name at p, {@code schema.name}; unqualified names get {@code public}. */
    private String nameAt() {
        String chain = identifierChain();
        if (chain == null) {
            return null;
        }
        return chain.contains(".") ? chain : "public." + chain;
    }

    /** {@code a.b.c} at p as written (folded), advancing past it. */
    private String identifierChain() {
        if (p >= t.size() || !t.get(p).isName()) {
            return null;
        }
        StringBuilder name = new StringBuilder(t.get(p).identifier());
        p++;
        while (p + 1 < t.size() && isSymbol(p, '.') && t.get(p + 1).isName()) {
            name.append('.').append(t.get(p + 1).identifier());
            p += 2;
        }
        return name.toString();
    }

    private void names(List<String> into) {
        while (p < t.size()) {
            accept("only");
            String name = nameAt();
            if (name == null) {
                return;
            }
            into.add(name);
            if (isSymbol('*')) {
                p++;
            }
            if (!isSymbol(',')) {
                return;
            }
            p++;
        }
    }

    private static String schemaOf(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? "public" : qualified.substring(0, dot);
    }

    /** The index of the parenthesis closing the one at {@code open}. */
    private int closing(int open) {
        int depth = t.get(open).depth();
        for (int i = open + 1; i < t.size(); i++) {
            if (t.get(i).kind() == SqlToken.Kind.CLOSE_PAREN && t.get(i).depth() == depth) {
                return i;
            }
        }
        return t.size() - 1;
    }

    /** Tokens from {@code from} (incl.) to {@code to} (excl.) split at commas of the depth of {@code from}. */
    private List<List<SqlToken>> split(int from, int to) {
        List<List<SqlToken>> parts = new ArrayList<>();
        if (from >= to) {
            return parts;
        }
        int depth = t.get(from).depth();
        int start = from;
        for (int i = from; i < to; i++) {
            if (t.get(i).isSymbol(',') && t.get(i).depth() == depth) {
                parts.add(t.subList(start, i));
                start = i + 1;
            }
        }
        parts.add(t.subList(start, to));
        return parts;
    }

    private int indexOfTop(String keyword, int from) {
        int depth = from < t.size() ? t.get(Math.max(from, 0)).depth() : 0;
        for (int i = Math.max(from, 0); i < t.size(); i++) {
            if (t.get(i).depth() == depth && t.get(i).is(keyword)) {
                return i;
            }
        }
        return -1;
    }

    private int stopAt(int from, String keyword) {
        int at = indexOfTop(keyword, from);
        return at < 0 ? t.size() : at;
    }

    private int nextConstraintWord(int from) {
        int depth = from < t.size() ? t.get(from).depth() : 0;
        for (int i = from; i < t.size(); i++) {
            SqlToken token = t.get(i);
            if (token.depth() == depth && token.kind() == SqlToken.Kind.WORD
                    && COLUMN_CONSTRAINT_WORDS.contains(token.text().toLowerCase(Locale.ROOT))
                    && !(token.is("null") && i > from && t.get(i - 1).is("not"))
                    && !(token.is("not") && is(i + 1, "distinct"))) {
                return i;
            }
        }
        return t.size();
    }

    private void skipIndexParameters() {
        while (isAny("include", "with", "using")) {
            if (accept("using", "index", "tablespace")) {
                p++;
            } else {
                p++;
                if (isSymbol('(')) {
                    p = closing(p) + 1;
                }
            }
        }
    }

    private List<String> identList() {
        int close = closing(p);
        List<String> names = new ArrayList<>();
        for (List<SqlToken> element : split(p + 1, close)) {
            if (!element.isEmpty()) {
                names.add(element.get(0).identifier());
            }
        }
        p = close + 1;
        return names;
    }

    /** Tokens from {@code from} to {@code to} as a type name: lower-cased, one space between words. */
    private String typeText(int from, int to) {
        StringBuilder out = new StringBuilder();
        SqlToken previous = null;
        for (int i = from; i < Math.min(to, t.size()); i++) {
            SqlToken token = t.get(i);
            boolean glue = previous != null && (token.kind() == SqlToken.Kind.OPEN_PAREN
                    || token.kind() == SqlToken.Kind.CLOSE_PAREN || token.kind() == SqlToken.Kind.OPERATOR
                    || previous.kind() == SqlToken.Kind.OPEN_PAREN || previous.kind() == SqlToken.Kind.OPERATOR);
            if (previous != null && !glue) {
                out.append(' ');
            }
            out.append(token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER ? token.text()
                    : token.text().toLowerCase(Locale.ROOT));
            previous = token;
        }
        return out.toString();
    }

    private String rest(int from) {
        return rest(from, t.size());
    }

    /** The source text of tokens from {@code from} to {@code to} (excl.), tokens one space apart. */
    private String rest(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < Math.min(to, t.size()); i++) {
            out.append(i > from ? " " : "").append(t.get(i).text());
        }
        return out.length() == 0 ? null : out.toString();
    }

    private static String literal(SqlToken token) {
        String text = token.text();
        if (token.kind() == SqlToken.Kind.STRING && text.startsWith("'") && text.endsWith("'") && text.length() >= 2) {
            return text.substring(1, text.length() - 1).replace("''", "'");
        }
        return text;
    }
}
