package it.shale;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class MigratedDatabaseIT {

    @Test
    void theMigratedTableIsThere() throws Exception {
        String url = System.getProperty("db.jdbcUrl");
        assertTrue(url != null && url.startsWith("jdbc:postgresql://127.0.0.1:"), "db.jdbcUrl = " + url);
        assertEquals("postgres", System.getProperty("db.user"));
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select to_regclass('public.users') is not null, current_database()")) {
            rs.next();
            assertTrue(rs.getBoolean(1), "table users exists");
            System.out.println("IT connected to database " + rs.getString(2));
        }
        if (Boolean.getBoolean("failIT")) {
            fail("failing on purpose (-DfailIT=true)");
        }
    }
}
