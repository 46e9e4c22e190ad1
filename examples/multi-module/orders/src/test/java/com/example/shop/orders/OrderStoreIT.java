package com.example.shop.orders;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Runs against this module's own database: Failsafe passes db.jdbcUrl, db.user, db.password from db:start. */
class OrderStoreIT {

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("db.jdbcUrl"), System.getProperty("db.user"),
                System.getProperty("db.password"));
    }

    @Test
    void aPlacedOrderIsOpenUntilPaid() throws SQLException {
        try (Connection connection = connect()) {
            OrderStore orders = new OrderStore(connection);
            long id = orders.place("ada@example.com", 4_200);

            assertEquals("open", orders.status(id));
            orders.markPaid(id);
            assertEquals("paid", orders.status(id));
        }
    }

    @Test
    void theMigratedCheckRefusesANegativeTotal() throws SQLException {
        try (Connection connection = connect()) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> new OrderStore(connection).place("bob@example.com", -1));
            assertEquals("23514", refused.getSQLState()); // check_violation
        }
    }

    @Test
    void thisDatabaseHoldsOnlyTheOrdersServiceTables() throws SQLException {
        try (Connection connection = connect();
             var rows = connection.createStatement().executeQuery(
                     "select string_agg(table_schema || '.' || table_name, ',' order by table_name)"
                             + " from information_schema.tables where table_schema in ('public', 'drizzle')")) {
            rows.next();
            assertEquals("drizzle.__orders_migrations,public.orders", rows.getString(1));
        }
    }
}
