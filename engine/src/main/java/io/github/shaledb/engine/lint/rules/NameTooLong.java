package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.ColumnDef;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.lint.TableAction;
import io.github.shaledb.engine.sql.SqlToken;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An identifier the migration creates (table, column, index, constraint, type, schema, view, sequence, trigger,
 * function, or a rename's new name) longer than 63 bytes in UTF-8: PostgreSQL cuts it to 63 bytes without an error,
 * so the name in the database is not the one in the code, and two long names with the same start collide.
 */
public final class NameTooLong implements LintRule {

    /** PostgreSQL's NAMEDATALEN - 1. */
    static final int MAX_BYTES = 63;

    @Override
    public String id() {
        return "name-too-long";
    }

    @Override
    public String name() {
        return "Name longer than 63 bytes (PostgreSQL truncates it)";
    }

    @Override
    public LintSeverity severity() {
        return LintSeverity.ERROR;
    }

    @Override
    public boolean intent() {
        return true;
    }

    @Override
    public RuleExample example() {
        return RuleExample.of("CREATE TABLE subscriptions (id bigint PRIMARY KEY, customer_id bigint, renewed_at timestamptz);",
                "CREATE INDEX subscriptions_customer_id_renewed_at_for_the_monthly_billing_report_idx ON subscriptions (customer_id, renewed_at);",
                "CREATE INDEX subscriptions_customer_renewed_billing_idx ON subscriptions (customer_id, renewed_at);");
    }

    @Override
    public void check(LintedMigration m, Findings findings) {
        for (DdlStatement s : m.statements()) {
            for (String name : names(s)) {
                int bytes = name.getBytes(StandardCharsets.UTF_8).length;
                if (bytes <= MAX_BYTES) {
                    continue;
                }
                String cut = truncate(name);
                findings.report(s, null, null, null, "The name " + name + " is " + bytes + " bytes long; PostgreSQL "
                                + "silently cuts identifiers to " + MAX_BYTES + " bytes, so the object is named " + cut
                                + ": code, migrations and schema files naming it in full no longer match, and another "
                                + "long name with the same first " + MAX_BYTES + " bytes collides with it.",
                        rename(RulesBSupport.text(s), name, shorter(name)));
            }
        }
    }

    /** The names a statement creates. */
    static Set<String> names(DdlStatement s) {
        Set<String> names = new LinkedHashSet<>();
        switch (s.kind()) {
            case CREATE_TABLE, CREATE_TABLE_AS -> {
                add(names, s.table() == null ? null : RulesBSupport.simple(s.table()));
                for (ColumnDef c : s.columnDefs()) {
                    add(names, c.name());
                }
            }
            case CREATE_INDEX, CREATE_TYPE, CREATE_DOMAIN -> add(names, s.objectName() == null ? null
                    : RulesBSupport.simple(s.objectName()));
            case CREATE_SCHEMA -> add(names, RulesBSupport.createdSchema(s));
            case CREATE_VIEW -> add(names, s.tokens().stream().anyMatch(t -> t.is("view")) ? last(nameAfterWord(s, "view")) : null);
            case CREATE_SEQUENCE -> add(names, last(nameAfterWord(s, "sequence")));
            case CREATE_TRIGGER -> add(names, last(nameAfterWord(s, "trigger")));
            case CREATE_FUNCTION -> {
                String fn = nameAfterWord(s, "function");
                add(names, last(fn != null ? fn : nameAfterWord(s, "procedure")));
            }
            case ALTER_TABLE -> {
                for (TableAction a : s.actions()) {
                    switch (a.type()) {
                        case ADD_COLUMN -> add(names, a.column());
                        case RENAME_TABLE, RENAME_COLUMN, RENAME_CONSTRAINT -> add(names, a.name());
                        default -> {
                        }
                    }
                }
            }
            case ALTER_INDEX, ALTER_OTHER, ALTER_TYPE, ALTER_DOMAIN -> {
                int rename = RulesBSupport.find(s, "rename");
                int to = RulesBSupport.find(s, "to");
                if (rename >= 0 && to > rename && to + 1 < s.tokens().size() && s.tokens().get(to + 1).isName()) {
                    add(names, s.tokens().get(to + 1).identifier());
                }
            }
            default -> {
            }
        }
        if (s.kind() == DdlStatement.Kind.CREATE_TABLE || s.kind() == DdlStatement.Kind.ALTER_TABLE
                || s.kind() == DdlStatement.Kind.ALTER_DOMAIN || s.kind() == DdlStatement.Kind.CREATE_DOMAIN) {
            List<SqlToken> t = s.tokens();
            for (int i = 1; i + 1 < t.size(); i++) {
                if (t.get(i).is("constraint") && t.get(i + 1).isName() && !t.get(i + 1).is("if")
                        && !t.get(i - 1).is("drop") && !t.get(i - 1).is("validate") && !t.get(i - 1).is("rename")
                        && !t.get(i - 1).is("alter")) {
                    add(names, t.get(i + 1).identifier());
                }
            }
        }
        return names;
    }

    private static String nameAfterWord(DdlStatement s, String word) {
        int at = RulesBSupport.find(s, word);
        return at < 0 ? null : RulesBSupport.nameAfter(s, at);
    }

    private static String last(String qualified) {
        return qualified == null ? null : RulesBSupport.simple(qualified);
    }

    private static void add(Set<String> names, String name) {
        if (name != null) {
            names.add(name);
        }
    }

    /** The first 63 bytes, as PostgreSQL keeps them (never half a character). */
    static String truncate(String name) {
        String out = name;
        while (out.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            out = out.substring(0, out.offsetByCodePoints(out.length(), -1));
        }
        return out;
    }

    /** A shorter name to suggest: cut to 63 bytes at a word boundary when there is one. */
    private static String shorter(String name) {
        String cut = truncate(name);
        int underscore = cut.lastIndexOf('_');
        return underscore > MAX_BYTES / 2 ? cut.substring(0, underscore) : cut;
    }

    private static String rename(String text, String name, String replacement) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"|(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])",
                Pattern.CASE_INSENSITIVE).matcher(text);
        String quoted = RulesBSupport.ident(replacement);
        String out = m.replaceAll(Matcher.quoteReplacement(quoted));
        return "-- a name of at most " + MAX_BYTES + " bytes, chosen by you (the same in the code and schema files):\n" + out;
    }
}
