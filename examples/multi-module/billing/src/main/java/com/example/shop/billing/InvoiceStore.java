package com.example.shop.billing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The billing service's data access: plain JDBC against the tables its migrations create. */
public final class InvoiceStore {
    private final Connection connection;

    public InvoiceStore(Connection connection) {
        this.connection = connection;
    }

    /** Issues the invoice of an order (at most one per order) and returns its id. */
    public long issue(long orderId, long amountCents) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into invoices (order_id, amount_cents) values (?, ?) returning id")) {
            insert.setLong(1, orderId);
            insert.setLong(2, amountCents);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    public long unpaidCents() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select coalesce(sum(amount_cents), 0) from invoices where paid_at is null");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
