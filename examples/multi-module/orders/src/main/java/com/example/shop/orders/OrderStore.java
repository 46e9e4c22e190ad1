package com.example.shop.orders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The orders service's data access: plain JDBC against the tables its migrations create. */
public final class OrderStore {
    private final Connection connection;

    public OrderStore(Connection connection) {
        this.connection = connection;
    }

    /** Places an order and returns its id. */
    public long place(String customerEmail, long totalCents) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into orders (customer_email, total_cents) values (?, ?) returning id")) {
            insert.setString(1, customerEmail);
            insert.setLong(2, totalCents);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    public String status(long orderId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select status from orders where id = ?")) {
            select.setLong(1, orderId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    public void markPaid(long orderId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update orders set status = 'paid' where id = ? and status = 'open'")) {
            update.setLong(1, orderId);
            update.executeUpdate();
        }
    }
}
