package io.github.shaledb.engine.studio;

import io.github.shaledb.engine.api.StudioRequestException;
import io.github.shaledb.engine.api.StudioRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The data page's rows: one page, ordered and filtered, with a count that is estimated for big tables. */
final class RowReader {
    /** Above this many rows (by the planner's estimate) the total is estimated, not counted. */
    static final long COUNTED_UP_TO = 100_000;
    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*(\\d+)");

    private RowReader() {
    }

    static StudioRows read(Connection c, StudioRows.Query q) throws SQLException, StudioRequestException {
        if (q.limit() < 1 || q.limit() > StudioRows.Query.MAX_LIMIT) {
            throw new StudioRequestException("A page holds 1 to " + StudioRows.Query.MAX_LIMIT + " rows, not " + q.limit() + ".",
                    null, null);
        }
        if (q.offset() < 0) {
            throw new StudioRequestException("A page cannot start before the first row (offset " + q.offset() + ").", null, null);
        }
        Relation r = Relation.read(c, q.schema(), q.table());
        List<String> values = new ArrayList<>();
        String where = where(r, q.filters(), values);
        StringBuilder order = new StringBuilder();
        if (q.sort() != null) {
            order.append(" order by ").append(r.column(q.sort())).append(q.descending() ? " desc nulls last" : " asc nulls first");
            for (String k : r.key()) {
                order.append(", ").append(r.column(k));
            }
        } else if (!r.key().isEmpty()) {
            List<String> key = new ArrayList<>();
            for (String k : r.key()) {
                key.add(r.column(k) + (q.descending() ? " desc" : ""));
            }
            order.append(" order by ").append(String.join(", ", key));
        }
        String from = " from " + r.qualified() + where;
        List<List<String>> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select *" + from + order + " limit " + q.limit() + " offset " + q.offset())) {
            bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
        }
        boolean estimate = r.kind() == 'v' || r.estimatedRows() >= COUNTED_UP_TO;
        long total;
        if (!estimate) {
            total = single(c, "select count(*)" + from, values);
        } else if (where.isEmpty() && r.kind() != 'v') {
            total = r.estimatedRows();
        } else {
            total = planRows(c, "select *" + from, values);
        }
        return new StudioRows(r.schema(), r.name(), r.columns(), r.key(), rows, q.offset(), q.limit(), total, estimate);
    }

    private static String where(Relation r, List<StudioRows.Filter> filters, List<String> values) throws StudioRequestException {
        List<String> conditions = new ArrayList<>();
        for (StudioRows.Filter f : filters) {
            String column = r.column(f.column());
            if (f.operator() == null) {
                throw new StudioRequestException("The filter on " + f.column() + " has no operator.", null, null);
            }
            switch (f.operator()) {
                case IS_NULL -> conditions.add(column + " is null");
                case IS_NOT_NULL -> conditions.add(column + " is not null");
                case CONTAINS -> {
                    conditions.add(column + "::text ilike ? escape '\\'");
                    values.add("%" + escapeLike(f.value() == null ? "" : f.value()) + "%");
                }
                default -> {
                    if (f.value() == null) {
                        throw new StudioRequestException("The filter " + f.column() + " " + f.operator().symbol()
                                + " has no value.", "use \"is null\" to find NULLs", null);
                    }
                    // The type is the catalog's own text (format_type), never the request's.
                    conditions.add(column + " " + f.operator().symbol() + " cast(? as " + r.types().get(f.column()) + ")");
                    values.add(f.value());
                }
            }
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static void bind(PreparedStatement ps, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setString(i + 1, values.get(i));
        }
    }

    private static long single(Connection c, String sql, List<String> values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The planner's estimate of the rows a query returns, from {@code EXPLAIN}; nothing is run. */
    private static long planRows(Connection c, String sql, List<String> values) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement("explain (format json) " + sql)) {
            bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1));
                }
            }
        }
        Matcher m = PLAN_ROWS.matcher(plan);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
