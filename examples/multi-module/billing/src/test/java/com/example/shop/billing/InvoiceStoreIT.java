package com.example.shop.billing;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Runs against this module's own database: Failsafe passes db.jdbcUrl, db.user, db.password from db:start. */
class InvoiceStoreIT {

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("db.jdbcUrl"), System.getProperty("db.user"),
                System.getProperty("db.password"));
    }

    @Test
    void oneInvoicePerOrder() throws SQLException {
        try (Connection connection = connect()) {
            InvoiceStore invoices = new InvoiceStore(connection);
            invoices.issue(7, 1_500);

            SQLException duplicate = assertThrows(SQLException.class, () -> invoices.issue(7, 1_500));
            assertEquals("23505", duplicate.getSQLState()); // unique_violation on invoices_order_id_key
            assertEquals(1_500, invoices.unpaidCents());
        }
    }

    @Test
    void thisDatabaseHoldsOnlyTheBillingServiceTables() throws SQLException {
        try (Connection connection = connect();
             var rows = connection.createStatement().executeQuery(
                     "select string_agg(table_schema || '.' || table_name, ',' order by table_name)"
                             + " from information_schema.tables where table_schema in ('public', 'drizzle')")) {
            rows.next();
            assertEquals("drizzle.__billing_migrations,public.invoices", rows.getString(1));
        }
    }
}
