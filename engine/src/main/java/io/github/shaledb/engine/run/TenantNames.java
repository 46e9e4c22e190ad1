package io.github.shaledb.engine.run;

import io.github.shaledb.engine.sql.SqlToken;

import java.util.List;

/** What a migration must not do to run on a tenant schema: name a managed schema where its search_path should decide. */
final class TenantNames {
    private TenantNames() {
    }

    /**
     * The first {@code schema.name} in {@code sql} whose schema is one of {@code schemas}, as {@code "line 3:
     * public.orders"}; "" when there is none. Comments, strings and dollar-quoted bodies are not names.
     */
    static String firstQualified(String sql, List<String> schemas) {
        List<SqlToken> tokens = SqlToken.tokenize(sql);
        for (int i = 0; i + 2 < tokens.size(); i++) {
            SqlToken schema = tokens.get(i);
            if (schema.isName() && schemas.contains(schema.identifier()) && tokens.get(i + 1).isSymbol('.')
                    && tokens.get(i + 2).isName()) {
                int line = 1;
                for (int k = 0; k < schema.offset(); k++) {
                    if (sql.charAt(k) == '\n') {
                        line++;
                    }
                }
                return "line " + line + ": " + schema.text() + "." + tokens.get(i + 2).text();
            }
        }
        return "";
    }
}
